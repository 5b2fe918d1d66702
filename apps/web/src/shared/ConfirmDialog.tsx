import type { ReactNode } from 'react';
import { Dialog } from './Dialog.tsx';
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
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? 'button danger' : 'button primary'}
          onClick={onConfirm}
          disabled={pending || confirmDisabled}
        >
          {pending ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
