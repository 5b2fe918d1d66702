import type { Role, UpdateUserResponse, User } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../../shared/ConfirmDialog.tsx';
import { Dialog } from '../../../shared/Dialog.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { SkeletonRows } from '../../../shared/Skeleton.tsx';
import { TableHead } from '../../../shared/Table.tsx';
import { usersQuery } from '../api/keys.ts';
import { useUpdateUser } from '../api/useUpdateUser.ts';
import { AddUserDialog } from '../components/AddUserDialog.tsx';
import { RoleOptions } from '../components/RoleOptions.tsx';
import { TemporaryPasswordNotice } from '../components/TemporaryPasswordNotice.tsx';

const sourceLabel: Record<User['source'], string> = {
  local: 'password',
  oidc: 'OpenID Connect',
  proxy: 'SSO proxy',
};

function Status({ user }: { user: User }) {
  if (user.disabled) return <span className="badge badge-danger">disabled</span>;
  if (user.mustChangePassword) return <span className="badge badge-warn">temporary password</span>;
  return <span className="badge badge-ok">active</span>;
}

/** What waits for the admin's confirmation: disabling someone, or replacing their password. */
type Pending = { kind: 'disable' | 'reset'; user: User } | undefined;

/** Admins: everyone who may sign in, their roles, and the ways to add, change, disable and reset them. */
export default function UsersPage() {
  const users = useQuery(usersQuery());
  // Role changes and enabling apply at once; their failures show above the table.
  const inline = useUpdateUser();
  const confirmed = useUpdateUser();
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<Pending>();
  const [reset, setReset] = useState<UpdateUserResponse>();
  return (
    <section className="page">
      <header className="page-header row">
        <div>
          <h1>Users</h1>
          <p className="muted">Everyone who may sign in, with the role that decides what they may change.</p>
        </div>
        <button type="button" className="button primary" onClick={() => setAdding(true)}>
          Add user
        </button>
      </header>
      {users.error && <ErrorAlert error={users.error} />}
      {inline.error && <ErrorAlert error={inline.error} onDismiss={() => inline.reset()} />}
      <div className="table-wrap">
        <table className="table users-table" aria-label="Users" aria-busy={users.isPending}>
          <TableHead columns={['Username', 'Role', 'Signs in with', 'Status']} actions />
          <tbody>
            {users.isPending && <SkeletonRows columns={5} />}
            {users.data?.items.map((user) => (
              <tr key={user.username}>
                <th scope="row">{user.username}</th>
                <td>
                  <select
                    aria-label={`Role of ${user.username}`}
                    value={user.role}
                    disabled={inline.isPending}
                    onChange={(e) =>
                      inline.mutate({ username: user.username, change: { role: e.target.value as Role } })
                    }
                  >
                    <RoleOptions />
                  </select>
                </td>
                <td>{sourceLabel[user.source]}</td>
                <td>
                  <Status user={user} />
                </td>
                <td>
                  <div className="row-actions">
                    {user.disabled ? (
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Enable ${user.username}`}
                        disabled={inline.isPending}
                        onClick={() =>
                          inline.mutate({ username: user.username, change: { disabled: false } })
                        }
                      >
                        Enable
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Disable ${user.username}`}
                        onClick={() => setPending({ kind: 'disable', user })}
                      >
                        Disable
                      </button>
                    )}
                    {user.source === 'local' && (
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Reset password of ${user.username}`}
                        onClick={() => setPending({ kind: 'reset', user })}
                      >
                        Reset password
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <AddUserDialog open={adding} onClose={() => setAdding(false)} />
      <ConfirmDialog
        open={pending !== undefined}
        title={pending?.kind === 'reset' ? 'Reset password' : 'Disable user'}
        danger={pending?.kind === 'disable'}
        change={confirmed}
        onClose={() => setPending(undefined)}
        onConfirm={() => {
          if (!pending) return;
          const change = pending.kind === 'reset' ? { resetPassword: true as const } : { disabled: true };
          confirmed.mutate(
            { username: pending.user.username, change },
            {
              onSuccess: (after) => {
                setPending(undefined);
                if (after.temporaryPassword) setReset(after);
              },
            },
          );
        }}
      >
        {pending?.kind === 'reset' ? (
          <p>
            {pending.user.username}'s password is replaced by a temporary one, shown to you once. Their
            sessions end, and they choose a new password when they next sign in.
          </p>
        ) : (
          <p>
            {pending?.user.username} can no longer sign in, and their open sessions end within seconds. You
            can enable them again later.
          </p>
        )}
      </ConfirmDialog>
      <Dialog open={reset !== undefined} title="Password reset" onClose={() => setReset(undefined)}>
        {reset?.temporaryPassword && (
          <TemporaryPasswordNotice
            username={reset.username}
            password={reset.temporaryPassword}
            onDone={() => setReset(undefined)}
          />
        )}
      </Dialog>
    </section>
  );
}
