import type { ReactNode } from 'react';
import { ActionReason } from './ActionReason.tsx';

/** What the signed-in role may do (the session feature's `useAccess`). */
interface Access {
  allowed: boolean;
  reason: string;
}

/** A button that needs a role: disabled for anyone without it, with the reason beside it and read with it. */
export function AccessButton({
  access,
  reasonId,
  className,
  onClick,
  type = 'button',
  disabled = false,
  children,
}: {
  access: Access;
  /** The reason's element id (`aria-describedby` of the button). */
  reasonId: string;
  className: string;
  onClick?: () => void;
  type?: 'button' | 'submit';
  /** Disabled for another reason too (a change on its way, nothing to act on). */
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <ActionReason id={reasonId} reason={access.reason}>
      <button
        type={type}
        className={className}
        disabled={!access.allowed || disabled}
        aria-describedby={access.allowed ? undefined : reasonId}
        onClick={onClick}
      >
        {children}
      </button>
    </ActionReason>
  );
}
