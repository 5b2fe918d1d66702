import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { navigate } from 'wouter/use-browser-location';
import { ApiError, isUnauthenticated } from '../shared/http.ts';
import { isThrottled, THROTTLED_READ_ATTEMPTS, throttledReadDelay } from '../shared/throttling.ts';

/** Any 401 means the session is gone: send the operator to sign in, and back here afterwards. */
function signInOnUnauthenticated(error: unknown) {
  if (!isUnauthenticated(error) || window.location.pathname === '/sign-in') return;
  const here = window.location.pathname + window.location.search;
  navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signInOnUnauthenticated }),
  mutationCache: new MutationCache({ onError: signInOnUnauthenticated }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // AWS throttling passes if we wait as asked; other client errors will not change on retry;
      // network blips and 5xx might.
      retry: (failures, error) =>
        isThrottled(error)
          ? failures < THROTTLED_READ_ATTEMPTS
          : failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      retryDelay: (failures, error) =>
        isThrottled(error) ? throttledReadDelay(failures, error) : Math.min(1000 * 2 ** failures, 30_000),
    },
  },
});
