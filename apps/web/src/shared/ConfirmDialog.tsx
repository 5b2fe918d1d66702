import type { ReactNode } from 'react';
import { Dialog } from './Dialog.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { isStaleView } from './http.ts';

/** Asks before a risky change. The body states exactly what will change; the button is always "Confirm". */
export function ConfirmDialog({
  open,
  title,
  children,
  onConfirm,
  onClose,
  pending,
  error,
  danger = false,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
  danger?: boolean;
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
          disabled={pending}
        >
          {pending ? 'Working…' : 'Confirm'}
        </button>
      </div>
    </Dialog>
  );
}
