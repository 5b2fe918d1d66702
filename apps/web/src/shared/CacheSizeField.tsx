import { type CacheClusterSize, cacheClusterSizes } from '@gateway-console/contract';

/** The eight cache sizes API Gateway sells, labelled as the AWS console does. */
const cacheSizeOptions = cacheClusterSizes.map((size) => ({ value: size, label: `${size} GB` }));

/** The **Cache size** select, with the error a server or a check found in it. */
export function CacheSizeField({
  value,
  onChange,
  disabled,
  error,
  errorId,
}: {
  value: CacheClusterSize;
  onChange: (size: CacheClusterSize) => void;
  disabled: boolean;
  error?: string | undefined;
  errorId?: string;
}) {
  return (
    <label className="field">
      <span>Cache size</span>
      <select
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value as CacheClusterSize)}
      >
        {cacheSizeOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </label>
  );
}
