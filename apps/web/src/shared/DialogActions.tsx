/**
 * A dialog's (or form's) Cancel and main buttons; the main one says it is working while the change is sent.
 * It submits the form it stands in, or with `onConfirm` acts on its own.
 */
export function DialogActions({
  onCancel,
  onConfirm,
  label = 'Confirm',
  pendingLabel = 'Working…',
  pending,
  disabled = false,
  danger = false,
}: {
  /** Without it, no Cancel (a page's form). */
  onCancel?: () => void;
  onConfirm?: () => void;
  label?: string;
  pendingLabel?: string;
  pending: boolean;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <div className="dialog-actions">
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      <button
        type={onConfirm ? 'button' : 'submit'}
        className={danger ? 'button danger' : 'button primary'}
        disabled={disabled || pending}
        onClick={onConfirm}
      >
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
