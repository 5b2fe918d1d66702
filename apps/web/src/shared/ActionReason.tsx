import type { ReactNode } from 'react';

/**
 * A control that may be unavailable, with the reason beside it ("requires operator role",
 * "caching is off for this stage"), so the operator never meets a button that just fails.
 */
export function ActionReason({ id, reason, children }: { id: string; reason: string; children: ReactNode }) {
  return (
    <span className="action-with-reason">
      {children}
      {reason && (
        <small id={id} className="reason">
          {reason}
        </small>
      )}
    </span>
  );
}
