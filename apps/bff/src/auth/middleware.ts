import { timingSafeEqual } from 'node:crypto';
import { type Role, roleAtLeast } from '@gateway-console/contract';
import { type RouteId, routes } from '@gateway-console/contract/routes';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../context.ts';
import { isHttps } from '../http/security.ts';
import { ProblemError } from '../problem.ts';
import { SESSION_LIFETIME_MS, type Sessions } from './sessions.ts';
import { proxiedUser } from './users.ts';

export const PROXY_SECRET_HEADER = 'X-Console-Proxy-Secret';

const COOKIE = 'gc_session';

const useHostPrefix = (c: Context, deps: Deps) => isHttps(c.req.url, deps.behindHttpsProxy ?? false);

export function setSessionCookie(c: Context, deps: Deps, token: string): void {
  const https = useHostPrefix(c, deps);
  setCookie(c, COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_LIFETIME_MS / 1000,
    ...(https ? { secure: true, prefix: 'host' as const } : {}),
  });
}

export function clearSessionCookie(c: Context, deps: Deps): void {
  const https = useHostPrefix(c, deps);
  deleteCookie(c, COOKIE, { path: '/', ...(https ? { secure: true, prefix: 'host' as const } : {}) });
}

export function sessionToken(c: Context, deps: Deps): string | undefined {
  return useHostPrefix(c, deps) ? getCookie(c, COOKIE, 'host') : getCookie(c, COOKIE);
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Finds who is calling (session cookie, or the trusted proxy's header) and sets `user`; never refuses. */
export function identify(deps: Deps, sessions: Sessions): MiddlewareHandler<AppEnv> {
  const clock = deps.clock ?? (() => new Date());
  return async (c, next) => {
    const proxy = deps.trustedProxy;
    const proxied = proxy ? c.req.header(proxy.userHeader) : undefined;
    if (proxy && proxied) {
      if (!sameSecret(c.req.header(PROXY_SECRET_HEADER) ?? '', proxy.secret)) {
        throw new ProblemError(
          401,
          'UNAUTHENTICATED',
          'Not signed in',
          'The identity header is not trusted.',
        );
      }
      // People the SSO proxy vouches for but the console does not know yet may look, not touch.
      c.set('user', await proxiedUser(deps.storage.db, proxied));
      return next();
    }
    const token = sessionToken(c, deps);
    c.set('user', token ? await sessions.user(token, clock()) : undefined);
    return next();
  };
}

/** Refuses callers below `role`: 401 when nobody is signed in, 403 when the role is too low. */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) throw new ProblemError(401, 'UNAUTHENTICATED', 'Not signed in', 'Sign in to continue.');
    if (!roleAtLeast(user.role, role)) {
      throw new ProblemError(
        403,
        'FORBIDDEN',
        'Not allowed',
        `This needs the ${role} role; you are ${user.role}.`,
      );
    }
    return next();
  };
}

/** Refuses callers below the least role the route manifest gives route `id`. */
export function guard(id: RouteId): MiddlewareHandler<AppEnv> {
  const role = routes[id].role;
  if (role === null) throw new Error(`Route ${id} is open to anyone: it needs no role check.`);
  return requireRole(role);
}
