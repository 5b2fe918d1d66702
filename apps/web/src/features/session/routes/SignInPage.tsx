import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { signInMethodsQuery } from '../api/keys.ts';
import { useSignIn } from '../api/useSignIn.ts';
import { safeNext } from '../model/next.ts';

export default function SignInPage() {
  const signIn = useSignIn();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const methods = useQuery(signInMethodsQuery());
  // Until the BFF says otherwise, the password form is offered (the demo's and most installs' way in).
  const passwordAllowed = methods.data?.password ?? true;
  return (
    <main className="signin">
      <form
        className="card signin-card"
        onSubmit={(event) => {
          event.preventDefault();
          signIn.mutate(
            { username, password },
            { onSuccess: () => navigate(safeNext(search, window.location.origin), { replace: true }) },
          );
        }}
      >
        <div className="brand signin-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          Gateway Console
        </div>
        <h1>Sign in</h1>
        <p className="muted">Operate API Gateway stages, canaries and caches safely.</p>
        {methods.data?.oidc && (
          // A full-page navigation: the provider's sign-in page, then back to the console signed in.
          <a className="button primary" href="/api/session/oidc">
            Sign in with company account
          </a>
        )}
        {methods.error && <ErrorAlert error={methods.error} />}
        {passwordAllowed && (
          <>
            <label className="field">
              <span>Username</span>
              <input
                name="username"
                autoComplete="username"
                // biome-ignore lint/a11y/noAutofocus: the page's only task starts in this field
                autoFocus
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </label>
            <label className="field">
              <span>Password</span>
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            {signIn.error && <ErrorAlert error={signIn.error} />}
            <button type="submit" className="button primary" disabled={signIn.isPending}>
              {signIn.isPending ? 'Signing in…' : 'Sign in'}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
