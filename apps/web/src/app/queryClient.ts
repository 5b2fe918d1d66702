import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { navigate } from 'wouter/use-browser-location';
import { ApiError, isUnauthenticated } from '../shared/http.ts';

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
      // Client errors will not change on retry; network blips and 5xx might.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});
