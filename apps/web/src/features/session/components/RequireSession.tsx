import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Redirect, useLocation } from 'wouter';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { isUnauthenticated } from '../../../shared/http.ts';
import { Skeleton } from '../../../shared/Skeleton.tsx';
import { sessionQuery } from '../api/keys.ts';

/** Where someone signed in with a temporary password is sent before anything else. */
export const CHANGE_PASSWORD_PATH = '/change-password';

/**
 * Renders its children only for a signed-in operator; a 401 is turned into the sign-in page by the query
 * cache, and a temporary password into the change-password page.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data, error, refetch, isFetching } = useQuery(sessionQuery());
  const [location] = useLocation();
  if (data?.mustChangePassword && location !== CHANGE_PASSWORD_PATH) {
    return <Redirect to={CHANGE_PASSWORD_PATH} replace />;
  }
  if (data) return children;
  if (error && !isUnauthenticated(error))
    return (
      <section className="page">
        <h1>The console cannot reach its server</h1>
        <ErrorAlert error={error} onRetry={isFetching ? undefined : () => void refetch()} />
      </section>
    );
  return (
    <section className="page">
      <Skeleton lines={4} label="Checking your session" />
    </section>
  );
}
