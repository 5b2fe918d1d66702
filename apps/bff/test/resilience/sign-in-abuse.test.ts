import { AuditPage, Problem } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STORED_DETAIL_CHARS } from '../../src/audit/log.ts';
import { CLIENT_FAILURE_BUDGET, FIRST_BACKOFF_MS, MAX_FAILED_SIGN_INS } from '../../src/auth/rate-limit.ts';
import { MAX_LISTED_ISSUES } from '../../src/http/validate.ts';
import { SIGN_IN_REFUSAL_DELAY_MS } from '../../src/routes/session.ts';
import { PASSWORD, type RunningConsole, type Session, startConsole } from './harness.ts';
import { emptyTally } from './summary.ts';
import { recordTally } from './tally.ts';

// Each loopback address is a client of its own (Linux routes all of 127/8 to lo).
const attacker = '127.0.0.2';
const person = '127.0.0.3';
const sprayer = '127.0.0.4';

let world: RunningConsole;
let admin: Session;
const tally = emptyTally();

beforeAll(async () => {
  world = await startConsole();
  admin = await world.as('admin');
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

const signInFrom = (address: string, username: string, password: string) => {
  tally.casesTried += 1;
  return world.sessionWith(undefined, address).request('POST', '/api/session', { username, password });
};

const auditOf = async (query: string) =>
  AuditPage.parse((await admin.request('GET', `/api/audit?${query}`)).json()).items;

describe('sign-in throttling (#16 items 1, 8)', () => {
  it("someone else's wrong passwords do not lock a person out; the guesser is slowed down", async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS + 5; i++) await signInFrom(attacker, 'viewer', `guess ${i}`);
    const asked = performance.now();
    const guesser = await signInFrom(attacker, 'viewer', PASSWORD);
    expect(guesser.status).toBe(429);
    expect(Number(guesser.headers['retry-after'])).toBeGreaterThan(0);
    // Answered slowly: a flood's connections wait instead of keeping the console busy (item 2).
    expect(performance.now() - asked).toBeGreaterThanOrEqual(SIGN_IN_REFUSAL_DELAY_MS - 5);

    const real = await signInFrom(person, 'viewer', PASSWORD);
    if (real.status !== 200) tally.bypasses += 1;
    expect(real.status, real.text).toBe(200);
  });

  it('waits grow with each further failure (exponential backoff)', async () => {
    const from = '127.0.0.5';
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      expect((await signInFrom(from, 'operator', `typo ${i}`)).status).toBe(401);
    }
    const first = await signInFrom(from, 'operator', 'typo again');
    expect(first.status).toBe(429);
    expect(Number(first.headers['retry-after'])).toBe(FIRST_BACKOFF_MS / 1000);
    world.advanceClock(FIRST_BACKOFF_MS + 1_000);
    try {
      expect((await signInFrom(from, 'operator', 'one more typo')).status).toBe(401);
      const second = await signInFrom(from, 'operator', PASSWORD);
      expect(second.status).toBe(429);
      expect(Number(second.headers['retry-after'])).toBe((2 * FIRST_BACKOFF_MS) / 1000);
    } finally {
      world.advanceClock(-(FIRST_BACKOFF_MS + 1_000));
    }
  });

  it('one password tried against many usernames from one client meets a limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < CLIENT_FAILURE_BUDGET + 10; i++) {
      statuses.push((await signInFrom(sprayer, `user-${i}`, 'Summer2026!')).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(CLIENT_FAILURE_BUDGET);
    expect(statuses.slice(CLIENT_FAILURE_BUDGET).every((s) => s === 429)).toBe(true);
    if (statuses.filter((s) => s === 401).length > CLIENT_FAILURE_BUDGET) tally.bypasses += 1;
  });

  it('a password typed into the username field is not stored or shown as the actor', async () => {
    const typedByMistake = 'my-Secret-passw0rd';
    expect((await signInFrom('127.0.0.6', typedByMistake, 'x')).status).toBe(401);
    expect(await auditOf(`actor=${encodeURIComponent(typedByMistake)}`)).toHaveLength(0);
    const [row] = await auditOf('limit=1');
    expect(row).toMatchObject({ action: 'session.signIn', outcome: 'refused' });
    expect(row!.actor).toMatch(/^unknown user #[0-9a-f]{10}$/);
    expect(JSON.stringify(row)).not.toContain(typedByMistake);
    // A real user's failed attempt still names them.
    expect((await signInFrom('127.0.0.6', 'operator', 'wrong')).status).toBe(401);
    expect((await auditOf('limit=1'))[0]!.actor).toBe('operator');
  });
});

describe('sign-in flood (#16 item 2)', () => {
  it('password checks are bounded per client and overall; the flood is refused (after a pause, so it waits), a person still gets in', async () => {
    const random = () => `flood-${Math.random().toString(36).slice(2)}`;
    // One client with 20 sign-ins at once, and 12 more clients with 4 each: more than the line holds.
    const greedy = Array.from({ length: 20 }, () => signInFrom('127.0.0.8', random(), 'x'));
    const many = Array.from({ length: 12 * 4 }, (_, i) =>
      signInFrom(`127.0.1.${1 + (i % 12)}`, random(), 'x'),
    );
    const person = signInFrom('127.0.0.9', 'viewer', PASSWORD);
    const refused = [...(await Promise.all(greedy)), ...(await Promise.all(many))].filter(
      (r) => r.status === 429,
    );
    // Which ones depends on how fast they arrive (fair-queue.test.ts checks the bounds exactly); some must be.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.headers['retry-after'] === '1')).toBe(true);
    for (const r of [...(await Promise.all(many)), await person])
      if (r.status >= 500) tally.serverErrors += 1;
    const real = await person;
    expect(real.status, real.text).toBe(200);
  });
});

describe('anonymous audit flooding (#16 item 3)', () => {
  it('a sign-in body with 5,000 unknown keys gets a small 400 and a small audit row', async () => {
    const body: Record<string, unknown> = { username: 'viewer', password: 'x' };
    for (let i = 0; i < 5_000; i++) body[`k${i}`] = 1;
    const response = await world.sessionWith(undefined, '127.0.0.7').request('POST', '/api/session', body);
    expect(response.status).toBe(400);
    expect(response.text.length).toBeLessThan(8 * 1024);
    const problem = Problem.parse(response.json());
    expect(problem.errors!.length).toBeLessThanOrEqual(MAX_LISTED_ISSUES);
    const [row] = await auditOf('limit=1');
    expect(row).toMatchObject({ action: 'session.signIn', outcome: 'refused' });
    expect(JSON.stringify(row).length).toBeLessThan(MAX_STORED_DETAIL_CHARS + 1_000);
  });
});
