import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { EnvironmentBadge } from '../features/environment/index.ts';
import { CHANGE_PASSWORD_PATH, RequireSession, SessionMenu, useAccess } from '../features/session/index.ts';
import { Skeleton } from '../shared/Skeleton.tsx';
import { ThrottlingBanner } from '../shared/ThrottlingBanner.tsx';
import { useFocusOnNavigation } from './focusOnNavigation.ts';
import { queryClient } from './queryClient.ts';
import { Toaster } from './Toaster.tsx';

// Every screen but the list is loaded on first visit, so the shell stays small.
const ApisPage = lazy(() => import('../features/apis/routes/ApisPage.tsx'));
const ApiPage = lazy(() => import('../features/apis/routes/ApiPage.tsx'));
const StagePage = lazy(() => import('../features/stages/routes/StagePage.tsx'));
const AuditPage = lazy(() => import('../features/audit/routes/AuditPage.tsx'));
const SignInPage = lazy(() => import('../features/session/routes/SignInPage.tsx'));
const ChangePasswordPage = lazy(() => import('../features/session/routes/ChangePasswordPage.tsx'));
const UsersPage = lazy(() => import('../features/users/routes/UsersPage.tsx'));

function NavLink({ href, children, active }: { href: string; children: string; active: boolean }) {
  return (
    <Link href={href} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The main navigation; the Users page is for admins only, so only they see its link. */
function MainNav({ location }: { location: string }) {
  const admin = useAccess('admin').allowed;
  return (
    <nav aria-label="Main">
      <NavLink href="/" active={location === '/' || location.startsWith('/apis')}>
        APIs
      </NavLink>
      <NavLink href="/audit" active={location.startsWith('/audit')}>
        Audit
      </NavLink>
      {admin && (
        <NavLink href="/users" active={location.startsWith('/users')}>
          Users
        </NavLink>
      )}
    </nav>
  );
}

const loading = (
  <section className="page">
    <Skeleton lines={5} />
  </section>
);

export function App() {
  const [location] = useLocation();
  useFocusOnNavigation(location);
  return (
    <QueryClientProvider client={queryClient}>
      <Switch>
        <Route path="/sign-in">
          <Suspense fallback={loading}>
            <SignInPage />
          </Suspense>
        </Route>
        <Route>
          <div className="shell">
            <a className="skip-link" href="#content">
              Skip to content
            </a>
            <header className="topbar">
              <Link href="/" className="brand">
                <img src="/favicon.svg" alt="" width={22} height={22} />
                Gateway Console
              </Link>
              <EnvironmentBadge />
              <MainNav location={location} />
              <SessionMenu />
            </header>
            <main id="content" tabIndex={-1}>
              <RequireSession>
                <ThrottlingBanner />
                <Suspense fallback={loading}>
                  <Switch>
                    <Route path="/" component={ApisPage} />
                    <Route path="/apis/:apiId">{(params) => <ApiPage apiId={params.apiId} />}</Route>
                    <Route path="/apis/:apiId/stages/:stage">
                      {(params) => <StagePage apiId={params.apiId} stageName={params.stage} />}
                    </Route>
                    <Route path="/audit" component={AuditPage} />
                    <Route path="/users" component={UsersPage} />
                    <Route path={CHANGE_PASSWORD_PATH} component={ChangePasswordPage} />
                    <Route>
                      <section className="page">
                        <h1>Page not found</h1>
                        <p>
                          <Link href="/">Back to the APIs</Link>
                        </p>
                      </section>
                    </Route>
                  </Switch>
                </Suspense>
              </RequireSession>
            </main>
            <Toaster />
          </div>
        </Route>
      </Switch>
    </QueryClientProvider>
  );
}
