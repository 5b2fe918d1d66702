import type { Role } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { sessionQuery } from './keys.ts';

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export interface Access {
  /** True when the signed-in role may do this. */
  allowed: boolean;
  /** Why not, in the words the controls show ("requires operator role"). */
  reason: string;
}

/** Whether the signed-in operator holds at least `role`. Controls stay visible but disabled when not. */
export function useAccess(role: Exclude<Role, 'viewer'> = 'operator'): Access {
  const { data } = useQuery(sessionQuery());
  const allowed = data !== undefined && rank[data.role] >= rank[role];
  return { allowed, reason: allowed ? '' : `requires ${role} role` };
}
