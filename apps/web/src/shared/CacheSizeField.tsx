import { type CacheClusterSize, cacheClusterSizes } from '@gateway-console/contract';
import { Field } from './Field.tsx';

/** The eight cache sizes API Gateway sells, labelled as the AWS console does. */
const cacheSizeOptions = cacheClusterSizes.map((size) => ({ value: size, label: `${size} GB` }));

/** The **Cache size** select, with the error a server or a check found in it. */
export function CacheSizeField({
  value,
  onChange,
  disabled,
  error,
  errorId = 'cache-size-error',
}: {
  value: CacheClusterSize;
  onChange: (size: CacheClusterSize) => void;
  disabled: boolean;
  error?: string | undefined;
  errorId?: string;
}) {
  return (
    <Field label="Cache size" error={error} errorId={errorId}>
      {(described) => (
        <select
          value={value}
          disabled={disabled}
          {...described}
          onChange={(e) => onChange(e.target.value as CacheClusterSize)}
        >
          {cacheSizeOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
