import type { Role } from '@gateway-console/contract';
import { roleAtLeast } from '@gateway-console/contract/rules';
import { useQuery } from '@tanstack/react-query';
import { sessionQuery } from './keys.ts';

export interface Access {
  /** True when the signed-in role may do this. */
  allowed: boolean;
  /** Why not, in the words the controls show ("requires operator role"). */
  reason: string;
}

/** Whether the signed-in operator holds at least `role`. Controls stay visible but disabled when not. */
export function useAccess(role: Exclude<Role, 'viewer'> = 'operator'): Access {
  const { data } = useQuery(sessionQuery());
  const allowed = data !== undefined && roleAtLeast(data.role, role);
  return { allowed, reason: allowed ? '' : `requires ${role} role` };
}
