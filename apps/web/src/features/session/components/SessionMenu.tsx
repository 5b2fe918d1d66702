import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { sessionQuery } from '../api/keys.ts';
import { useSignOut } from '../api/useSignOut.ts';

/** Who is signed in, with which role, and the way out. */
export function SessionMenu() {
  const { data } = useQuery(sessionQuery());
  const signOut = useSignOut();
  const [, navigate] = useLocation();
  if (!data) return null;
  return (
    <div className="session">
      <span className="session-user" title={`Signed in as ${data.username} (${data.role})`}>
        <span className="avatar" aria-hidden="true">
          {data.username.slice(0, 1).toUpperCase()}
        </span>
        <span>{data.username}</span>
        <span className={`badge role-${data.role}`}>{data.role}</span>
      </span>
      <button
        type="button"
        className="button ghost small"
        disabled={signOut.isPending}
        onClick={() =>
          signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in', { replace: true }) })
        }
      >
        Sign out
      </button>
    </div>
  );
}
