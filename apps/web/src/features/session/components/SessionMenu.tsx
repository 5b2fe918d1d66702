import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { sessionQuery } from '../api/keys.ts';
import { useSignOut } from '../api/useSignOut.ts';
import { CHANGE_PASSWORD_PATH } from './RequireSession.tsx';

/** Who is signed in, with which role, changing one's password, and the way out. */
export function SessionMenu() {
  const { data } = useQuery(sessionQuery());
  const signOut = useSignOut();
  if (!data) return null;
  return (
    <div className="session">
      <span className="session-user" title={`Signed in as ${data.username} (${data.role})`}>
        <span className="avatar" aria-hidden="true">
          {data.username.slice(0, 1).toUpperCase()}
        </span>
        <span className="session-name">{data.username}</span>
        {/* The demo's users are named after their roles: "operator operator" says nothing twice. */}
        {data.role !== data.username && <span className={`badge role-${data.role}`}>{data.role}</span>}
      </span>
      <Link href={CHANGE_PASSWORD_PATH} className="button ghost small">
        Change password
      </Link>
      <button
        type="button"
        className="button ghost small"
        disabled={signOut.isPending}
        title={signOut.error ? `Sign-out failed: ${signOut.error.message}` : undefined}
        onClick={() => signOut.mutate({})}
      >
        Sign out
      </button>
      <button
        type="button"
        className="button ghost small"
        disabled={signOut.isPending}
        title="End every session of yours, in every browser"
        onClick={() => signOut.mutate({ everywhere: true })}
      >
        Sign out everywhere
      </button>
    </div>
  );
}
