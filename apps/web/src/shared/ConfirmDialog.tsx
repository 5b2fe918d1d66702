import type { ReactNode } from 'react';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { isStaleView } from './http.ts';

/** The change a dialog confirms, as a react-query mutation has it. */
interface Change {
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

/**
 * A confirmed change's `onSettled`: the dialog closes once the change is done, or once the stale-stage
 * dialog takes over (412); on any other error it stays open, showing it.
 */
export const closeOnceSettled = (close: () => void) => (_data: unknown, error: unknown) => {
  if (!error || isStaleView(error)) close();
};

/** Asks before a risky change. The body states exactly what will change; the button says "Confirm" or names the action. */
export function ConfirmDialog({
  open,
  title,
  children,
  onConfirm,
  onClose,
  change,
  danger = false,
  confirmLabel = 'Confirm',
  confirmDisabled = false,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
  /** The change confirmed: it shows as working, shows its error, and is forgotten when the dialog closes. */
  change?: Change;
  danger?: boolean;
  /** Names the action ("Promote to 100 %") where "Confirm" would not say what happens. */
  confirmLabel?: string;
  /** The dialog still needs an answer (a typed reason). */
  confirmDisabled?: boolean;
}) {
  const close = () => {
    onClose();
    change?.reset();
  };
  const error = change?.error;
  return (
    <Dialog open={open} title={title} onClose={close}>
      <div className="dialog-body">{children}</div>
      {error && !isStaleView(error) ? <ErrorAlert error={error} /> : null}
      <DialogActions
        onCancel={close}
        onConfirm={onConfirm}
        label={confirmLabel}
        pending={change?.isPending ?? false}
        disabled={confirmDisabled}
        danger={danger}
      />
    </Dialog>
  );
}
