import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Link, Route, Switch } from 'wouter';
import { ApisPage } from '../features/apis/routes/ApisPage.tsx';
import { ApiError } from '../shared/http.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // Client errors will not change on retry; network blips and 5xx might.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <div className="shell">
        <header className="topbar">
          <Link href="/" className="brand">
            <img src="/favicon.svg" alt="" width={22} height={22} />
            Gateway Console
          </Link>
          <nav aria-label="Main">
            <Link href="/">APIs</Link>
          </nav>
        </header>
        <main>
          <Switch>
            <Route path="/" component={ApisPage} />
            <Route>
              <section className="page">
                <h1>Page not found</h1>
                <p>
                  <Link href="/">Back to the APIs</Link>
                </p>
              </section>
            </Route>
          </Switch>
        </main>
      </div>
    </QueryClientProvider>
  );
}
