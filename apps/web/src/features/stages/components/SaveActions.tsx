import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { isStaleView } from '../../../shared/http.ts';

/** A settings form's end: the save's failure (a stale view has its own dialog), then its submit button. */
export function SaveActions({
  update,
  disabled,
  label,
  primary = true,
}: {
  update: { error: unknown; isPending: boolean };
  disabled: boolean;
  label: string;
  primary?: boolean;
}) {
  return (
    <>
      {update.error != null && !isStaleView(update.error) && <ErrorAlert error={update.error} />}
      <div className="form-actions">
        <button
          type="submit"
          className={primary ? 'button primary' : 'button'}
          disabled={disabled || update.isPending}
        >
          {update.isPending ? 'Saving…' : label}
        </button>
      </div>
    </>
  );
}
