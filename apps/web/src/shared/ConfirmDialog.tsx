import type { ReactNode } from 'react';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { isStaleView } from './http.ts';

/** Asks before a risky change. The body states exactly what will change; the button says "Confirm" or names the action. */
export function ConfirmDialog({
  open,
  title,
  children,
  onConfirm,
  onClose,
  pending,
  error,
  danger = false,
  confirmLabel = 'Confirm',
  confirmDisabled = false,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
  danger?: boolean;
  /** Names the action ("Promote to 100 %") where "Confirm" would not say what happens. */
  confirmLabel?: string;
  /** The dialog still needs an answer (a typed reason). */
  confirmDisabled?: boolean;
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <div className="dialog-body">{children}</div>
      {error && !isStaleView(error) ? <ErrorAlert error={error} /> : null}
      <DialogActions
        onCancel={onClose}
        onConfirm={onConfirm}
        label={confirmLabel}
        pending={pending}
        disabled={confirmDisabled}
        danger={danger}
      />
    </Dialog>
  );
}
