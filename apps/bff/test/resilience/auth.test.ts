import { type ErrorCode, Problem, type Role, SessionInfo } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_SIGN_INS } from '../../src/auth/rate-limit.ts';
import { SESSION_LIFETIME_MS } from '../../src/auth/sessions.ts';
import { accountStages } from '../account-stages.ts';
import { cookieOf, PASSWORD, type RunningConsole, roles, type Session, startConsole } from './harness.ts';
import { mutatingRoutes, type Route, type Target } from './routes.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

let world: RunningConsole;
let target: Target;
const tally = emptyTally();
const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
/** Changes that need a signed-in user (sign-in itself is open to anyone, but not cross-site). */
const protectedRoutes = mutatingRoutes.filter((route) => route.role !== undefined);
/** Routes the BFF serves yet (the suite runs while routes are still landing). */
const served = new Set<Route>();

beforeAll(async () => {
  world = await startConsole();
  const { apiId, stage, deploymentId } = (await accountStages(world.sdk, 'PetStore'))[0]!;
  target = { apiId, stage, deploymentId };
  const admin = await world.as('admin');
  for (const route of protectedRoutes) {
    // A stage that does not exist: a served route answers anything but the router's own 404.
    const probe = await admin.request(route.method, route.path({ ...target, stage: 'resilience-probe' }), {
      'resilience-probe': true,
    });
    const unrouted = probe.status === 404 && /No route for/.test(probe.text);
    if (!unrouted) served.add(route);
  }
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

/** The stage's ETag as a viewer sees it, so a refused change is refused for the right reason. */
async function currentEtag(session: Session): Promise<string> {
  const response = await session.request('GET', `/api/apis/${target.apiId}/stages/${target.stage}`);
  return (response.headers.etag as string | undefined) ?? '"none"';
}

/** Sends one mutation that must be refused with `status`/`code`; anything that gets through is a bypass. */
async function expectRefused(
  route: Route,
  session: Session,
  headers: Record<string, string>,
  status: number,
  code: ErrorCode,
): Promise<void> {
  const before = world.aws.total;
  const response = await session.request(
    route.method,
    route.path(target),
    route.body?.valid(target),
    headers,
  );
  const awsCalls = world.aws.total - before;
  tally.casesTried += 1;
  if (response.status >= 500) tally.serverErrors += 1;
  const refused = response.status >= 400 && response.status < 500 && awsCalls === 0;
  // A route not served yet answers the router's 404: refused, though not for the reason that matters.
  const rightReason =
    !served.has(route) || (response.status === status && Problem.parse(response.json()).code === code);
  if (!refused || !rightReason) tally.bypasses += 1;
  const where = `${route.method} ${route.path(target)} → ${response.status} ${response.text.slice(0, 200)}`;
  expect(awsCalls, `${where}: reached AWS`).toBe(0);
  expect(refused && rightReason, `${where}: expected ${status} ${code}`).toBe(true);
}

describe('the manifest’s If-Match routes', () => {
  it('without If-Match each answers 428 to a role allowed to use it, and nothing reaches AWS', async () => {
    const admin = await world.as('admin');
    const needIfMatch = mutatingRoutes.filter((route) => route.ifMatch);
    expect(needIfMatch.length).toBeGreaterThanOrEqual(9);
    for (const route of needIfMatch) {
      await expectRefused(route, admin, {}, 428, 'PRECONDITION_REQUIRED');
    }
  });
});

describe('every mutating route × every role × every way in without the right to', () => {
  it('no session, a forged cookie, a missing CSRF header, a foreign Origin, too low a role: refused, nothing reaches AWS', async () => {
    const anonymous = world.sessionWith(undefined);
    for (const role of roles) {
      const session = await world.as(role);
      const ifMatch = { 'If-Match': await currentEtag(session) };
      const token = session.cookie!.split('=')[1]!;
      const forged = [
        world.sessionWith(`gc_session=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
        world.sessionWith(`gc_session=${Buffer.from(`${role}:admin`).toString('base64url')}`),
        world.sessionWith(`gc_session=${token.slice(0, 20)}`),
      ];
      for (const route of protectedRoutes) {
        await expectRefused(route, anonymous, ifMatch, 401, 'UNAUTHENTICATED');
        for (const f of forged) await expectRefused(route, f, ifMatch, 401, 'UNAUTHENTICATED');
        await expectRefused(route, session, { ...ifMatch, 'X-Requested-With': '' }, 403, 'CSRF_REJECTED');
        await expectRefused(
          route,
          session,
          { ...ifMatch, Origin: 'https://evil.example' },
          403,
          'CSRF_REJECTED',
        );
        await expectRefused(
          route,
          session,
          { ...ifMatch, 'Sec-Fetch-Site': 'cross-site' },
          403,
          'CSRF_REJECTED',
        );
        if (route.role && rank[role] < rank[route.role]) {
          await expectRefused(route, session, ifMatch, 403, 'FORBIDDEN');
        }
      }
    }
    // Sign-in is open to anyone, but not from another site (login CSRF): right password, still refused.
    const crossSite: Record<string, string>[] = [
      { 'X-Requested-With': '' },
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const response = await anonymous.request(
        'POST',
        '/api/session',
        { username: 'operator', password: PASSWORD },
        headers,
      );
      tally.casesTried += 1;
      if (response.status !== 403 || cookieOf(response)) tally.bypasses += 1;
      expect(response.status).toBe(403);
      expect(cookieOf(response)).toBeUndefined();
    }
    expect(tally.bypasses).toBe(0);
  }, 120_000);

  it('an expired session is refused everywhere, for every role', async () => {
    const sessions = await Promise.all(roles.map((role) => world.as(role)));
    world.advanceClock(SESSION_LIFETIME_MS + 60_000);
    try {
      for (const session of sessions) {
        expect((await session.request('GET', '/api/session')).status).toBe(401);
        for (const route of protectedRoutes) {
          await expectRefused(route, session, { 'If-Match': '"any"' }, 401, 'UNAUTHENTICATED');
        }
      }
    } finally {
      world.advanceClock(-(SESSION_LIFETIME_MS + 60_000));
    }
    expect(tally.bypasses).toBe(0);
  }, 60_000);
});

describe('sessions', () => {
  it('sign-in issues a new session id: a planted cookie is never adopted', async () => {
    const planted = 'gc_session=attacker-chosen-session-id-0123456789abcdefghijkl';
    const signIn = await world
      .sessionWith(planted)
      .request('POST', '/api/session', { username: 'operator', password: PASSWORD });
    expect(signIn.status).toBe(200);
    const issued = cookieOf(signIn);
    expect(issued).toMatch(/^gc_session=/);
    expect(issued).not.toBe(planted);
    expect((await world.sessionWith(planted).request('GET', '/api/session')).status).toBe(401);
    const again = await world.as('operator');
    expect(again.cookie).not.toBe(issued);
    tally.casesTried += 3;
  });

  it('sign-out ends the session on the server: the old cookie, replayed, is refused', async () => {
    const operator = await world.as('operator');
    expect(SessionInfo.parse((await operator.request('GET', '/api/session')).json()).role).toBe('operator');
    expect((await operator.request('DELETE', '/api/session')).status).toBe(204);
    expect((await operator.request('GET', '/api/session')).status).toBe(401);
    expect((await operator.request('GET', '/api/apis')).status).toBe(401);
    for (const route of protectedRoutes) {
      await expectRefused(route, operator, { 'If-Match': '"any"' }, 401, 'UNAUTHENTICATED');
    }
    expect(tally.bypasses).toBe(0);
  });

  it('password guessing is slowed down, also when the guesses arrive all at once', async () => {
    const guess = (password: string) =>
      world.sessionWith(undefined).request('POST', '/api/session', { username: 'viewer', password });
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => guess(`guess ${i}`)));
    const statuses = burst.map((r) => r.status);
    tally.casesTried += burst.length;
    // At most MAX_FAILED_SIGN_INS guesses are even checked; the rest wait.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - MAX_FAILED_SIGN_INS);
    const limited = burst.find((r) => r.status === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Guesses the line refused were never checked; one after another, the count still ends at the limit.
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) statuses.push((await guess(`later guess ${i}`)).status);
    expect(statuses.filter((s) => s === 401).length).toBe(MAX_FAILED_SIGN_INS);
    // Even the right password waits now.
    expect((await guess(PASSWORD)).status).toBe(429);
    if (statuses.filter((s) => s === 401).length > MAX_FAILED_SIGN_INS) tally.bypasses += 1;
  });
});
