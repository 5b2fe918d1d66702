/** A labelled number input with its bounds, and either its error or a hint below it (linked for screen readers). */
export function NumberField({
  id,
  label,
  value,
  onChange,
  min,
  max,
  step,
  error,
  hint,
  disabled,
  className = 'field',
}: {
  /** Prefix of the error and hint element ids. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max: number;
  step?: number | 'any';
  error?: string | undefined;
  hint?: string;
  disabled?: boolean;
  className?: string;
}) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <label className={className}>
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : (
        hint && (
          <small id={`${id}-hint`} className="hint">
            {hint}
          </small>
        )
      )}
    </label>
  );
}

/** A canary's share of traffic as API Gateway takes it: 0 to 100 %, in tenths. */
export function PercentField(
  props: Omit<Parameters<typeof NumberField>[0], 'min' | 'max' | 'step' | 'className'>,
) {
  return <NumberField {...props} className="field narrow" min={0} max={100} step={0.1} />;
}
