import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { audited } from '../audit/middleware.ts';
import { setSessionCookie } from '../auth/middleware.ts';
import type { OidcSignIn, PendingSignIn } from '../auth/oidc.ts';
import type { Sessions } from '../auth/sessions.ts';
import { oidcUser } from '../auth/users.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ProblemError } from '../problem.ts';

// Lax, not Strict: the browser comes back from the provider by a cross-site redirect and must bring it.
const PENDING_COOKIE = 'gc_oidc';
const PENDING_PATH = '/api/session/oidc';
const PENDING_SECONDS = 600;

const refused = (detail: string) =>
  new ProblemError(401, 'UNAUTHENTICATED', 'Company sign-in failed', detail);

/** Company sign-in: GET / leaves for the provider, GET /callback comes back signed in. */
export const oidcRoutes = (deps: Deps, sessions: Sessions, oidc: OidcSignIn) => {
  const clock = deps.clock ?? (() => new Date());
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const { url, pending } = await oidc.start();
      setCookie(c, PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
        httpOnly: true,
        sameSite: 'Lax',
        path: PENDING_PATH,
        maxAge: PENDING_SECONDS,
        secure: new URL(oidc.settings.redirectUrl).protocol === 'https:',
      });
      return c.redirect(url, 302);
    })
    .get('/callback', audited(deps, 'session.signIn'), async (c) => {
      const raw = getCookie(c, PENDING_COOKIE);
      deleteCookie(c, PENDING_COOKIE, { path: PENDING_PATH });
      let pending: PendingSignIn;
      try {
        pending = JSON.parse(Buffer.from(raw ?? '', 'base64url').toString('utf8'));
      } catch {
        throw refused('The sign-in took too long or started elsewhere. Sign in again.');
      }
      let person: Awaited<ReturnType<OidcSignIn['finish']>>;
      try {
        person = await oidc.finish(new URL(c.req.url).search, pending);
      } catch (err) {
        console.info(`[bff] ${c.get('requestId')} OpenID Connect sign-in refused: ${(err as Error).message}`);
        throw refused('The company sign-in could not be completed. Sign in again.');
      }
      c.var.audit.actor = person.username;
      const user = await oidcUser(deps.storage.db, person.username, person.role);
      if (!user) throw refused(`${person.username} may not sign in here: ask an admin.`);
      setSessionCookie(c, deps, await sessions.start(user.username, clock()));
      c.set('user', user);
      return c.redirect('/', 302);
    });
};
