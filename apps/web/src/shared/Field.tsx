import type { ReactNode } from 'react';

/** The attributes that tie a form control to the error found in it. */
export interface Described {
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** The error a check or the server found in a field, where its control's `aria-describedby` points. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field-error">
      {message}
    </span>
  ) : null;
}

/** A labelled form control (given its `Described` attributes), an optional hint under it, then its error. */
export function Field({
  label,
  hint,
  error,
  errorId,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  errorId: string;
  children: (described: Described) => ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the one `children` renders inside the label
    <label className="field">
      <span>{label}</span>
      {children({
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? errorId : undefined,
      })}
      {hint && <small className="hint">{hint}</small>}
      <FieldError id={errorId} message={error} />
    </label>
  );
}
