/** A form dialog's Cancel and submit buttons; the submit one says it is working while the change is sent. */
export function DialogActions({
  onCancel,
  label = 'Confirm',
  pendingLabel = 'Working…',
  pending,
  disabled = false,
  danger = false,
}: {
  onCancel: () => void;
  label?: string;
  pendingLabel?: string;
  pending: boolean;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button
        type="submit"
        className={danger ? 'button danger' : 'button primary'}
        disabled={disabled || pending}
      >
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
