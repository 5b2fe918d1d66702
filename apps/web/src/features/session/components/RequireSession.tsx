import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { isUnauthenticated } from '../../../shared/http.ts';
import { Skeleton } from '../../../shared/Skeleton.tsx';
import { sessionQuery } from '../api/keys.ts';

/** Renders its children only for a signed-in operator; a 401 is turned into the sign-in page by the query cache. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data, error, refetch, isFetching } = useQuery(sessionQuery());
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
