import { useToasts } from '../shared/toast.ts';

/** The shell's one toast area: a polite status, so a screen reader hears each confirmation once. */
export function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast">
          <span>
            <span aria-hidden="true">✓ </span>
            {toast.message}
          </span>
          <button type="button" className="button ghost small" onClick={() => dismiss(toast.id)}>
            Dismiss<span className="visually-hidden"> notification</span>
          </button>
        </div>
      ))}
    </div>
  );
}
