import {
  ChangePasswordRequest,
  type SessionInfo,
  type SignInMethods,
  SignInRequest,
} from '@gateway-console/contract';
import { Hono } from 'hono';
import { unknownActor } from '../audit/log.ts';
import { auditAhead, audited } from '../audit/middleware.ts';
import { clearSessionCookie, guard, sessionToken, setSessionCookie } from '../auth/middleware.ts';
import { SignInLimiter } from '../auth/rate-limit.ts';
import type { Sessions } from '../auth/sessions.ts';
import { changeOwnPassword, checkCredentials, findUser } from '../auth/users.ts';
import type { AppEnv, Deps } from '../context.ts';
import { clientAddress } from '../http/client.ts';
import { FairQueue } from '../http/fair-queue.ts';
import { jsonBody } from '../http/validate.ts';
import { ProblemError } from '../problem.ts';

/** At most this much password hashing for sign-ins at once, per BFF process. */
export const SIGN_IN_HASHING = { concurrency: 2, maxWaiting: 32, perClient: 4 } as const;
/** How long a throttled sign-in waits for its 429 (a flood's connections then sit idle, not busy). */
export const SIGN_IN_REFUSAL_DELAY_MS = 1_000;
/** Refusals held at once at most; beyond, they are answered at once (memory stays bounded). */
const MAX_SLOW_REFUSALS = 2_000;

/**
 * Throttled sign-ins are answered after a delay. A flood's connections then wait instead of looping as
 * fast as the console answers: one busy event loop accepts new connections about once per turn, so a
 * flood that keeps it busy would keep a real person's connection waiting in the accept queue for seconds.
 */
class SlowRefusals {
  private held = 0;

  constructor(private readonly delayMs: number) {}

  async slowly(): Promise<void> {
    if (this.held >= MAX_SLOW_REFUSALS) return;
    this.held += 1;
    try {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    } finally {
      this.held -= 1;
    }
  }
}

/** Sign in (POST), who am I (GET), sign out (DELETE), change one's own password (POST /password). */
export const sessionRoutes = (deps: Deps, sessions: Sessions) => {
  const clock = deps.clock ?? (() => new Date());
  const limiter = new SignInLimiter();
  // Password hashing is the one thing an anonymous caller can make expensive: a couple at a time (each
  // takes a core for ~0.2 s), clients served in turn, a short line and fast refusals beyond it.
  const hashing = new FairQueue(SIGN_IN_HASHING);
  const refusals = new SlowRefusals(SIGN_IN_REFUSAL_DELAY_MS);
  return (
    new Hono<AppEnv>()
      .post('/', audited(deps, 'session.signIn'), async (c) => {
        if (deps.passwordSignIn === false) {
          throw new ProblemError(
            403,
            'FORBIDDEN',
            'Password sign-in is off',
            'Sign in with your company account (OpenID Connect or the sign-on in front of the console).',
          );
        }
        const { username, password } = await jsonBody(c, SignInRequest);
        const client = clientAddress(c, deps);
        const throttle = () => {
          const wait = limiter.retryAfterSeconds(client, username, clock().getTime());
          if (wait > 0) {
            throw new ProblemError(
              429,
              'RATE_LIMITED',
              'Too many sign-in attempts',
              `Try again in ${wait} s.`,
              {
                headers: { 'Retry-After': String(wait) },
              },
            );
          }
        };
        try {
          throttle();
          const user = await hashing.run(client, async () => {
            // Again: guesses that waited in line may meet the limit meanwhile.
            throttle();
            // Counted before the slow password check, so guesses sent all at once cannot all get through;
            // a right password takes the count back.
            limiter.recordFailure(client, username, clock().getTime());
            return checkCredentials(deps.storage.db, username, password);
          });
          if (!user) {
            throw new ProblemError(401, 'UNAUTHENTICATED', 'Sign-in failed', 'Wrong username or password.');
          }
          limiter.recordSuccess(client, username, clock().getTime());
          setSessionCookie(c, deps, await sessions.start(user.username, clock()));
          c.set('user', user);
          return c.json(user satisfies SessionInfo, 200);
        } catch (err) {
          // A name that is nobody's may be a password typed into the wrong field: not written down as such.
          c.var.audit.findActor = async () =>
            (await findUser(deps.storage.db, username)) ? username : unknownActor(username);
          if (err instanceof ProblemError && err.code === 'RATE_LIMITED') await refusals.slowly();
          throw err;
        }
      })
      // Which ways in the sign-in page offers; open to anyone, it says nothing about any person.
      .get('/methods', (c) =>
        c.json(
          { password: deps.passwordSignIn !== false, oidc: deps.oidc !== undefined } satisfies SignInMethods,
          200,
        ),
      )
      .get('/', guard('whoAmI'), (c) => {
        const { username, role, mustChangePassword } = c.var.user!;
        return c.json({ username, role, mustChangePassword } satisfies SessionInfo, 200);
      })
      .post('/password', audited(deps, 'session.changePassword'), guard('changePassword'), async (c) => {
        const { currentPassword, newPassword } = await jsonBody(c, ChangePasswordRequest);
        const { username } = c.var.user!;
        c.var.audit.target = `users/${username}`;
        await auditAhead(c);
        if (!(await changeOwnPassword(deps.storage.db, username, currentPassword, newPassword))) {
          throw new ProblemError(
            400,
            'VALIDATION_FAILED',
            'Current password is wrong',
            'Enter the password you signed in with.',
            {
              errors: [{ path: 'currentPassword', message: 'Wrong password' }],
            },
          );
        }
        // Whoever else holds a session of this person (a stolen one, an old laptop) is signed out.
        await sessions.endAllOf(username, sessionToken(c, deps));
        return c.body(null, 204);
      })
      .delete('/', audited(deps, 'session.signOut'), async (c) => {
        const token = sessionToken(c, deps);
        const user = c.get('user');
        if (c.req.query('all') === 'true' && user) {
          c.var.audit.detail = 'Signed out everywhere: every session of this user ended.';
          await sessions.endAll(user.username);
        } else if (token) await sessions.end(token);
        clearSessionCookie(c, deps);
        return c.body(null, 204);
      })
  );
};
