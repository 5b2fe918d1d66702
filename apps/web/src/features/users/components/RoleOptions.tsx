import { Role } from '@gateway-console/contract';

/** The three roles as the options of a role select. */
export function RoleOptions() {
  return Role.options.map((role) => (
    <option key={role} value={role}>
      {role}
    </option>
  ));
}
