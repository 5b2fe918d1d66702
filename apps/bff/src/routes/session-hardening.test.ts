import { Problem } from '@gateway-console/contract';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_PASSWORD } from '../../test/harness.ts';
import { hashPassword, PASSWORD_PARAMS } from '../auth/passwords.ts';
import { users } from '../db/schema.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

const signIn = (username: string, password = TEST_PASSWORD) =>
  harness.anonymous.request('POST', '/api/session', { username, password });
const storedHash = async (username: string) =>
  (await harness.storage.db.select().from(users).where(eq(users.username, username)))[0]!.passwordHash;

describe('sessions and passwords (#16 item 15)', () => {
  it('a hash made with older scrypt parameters is redone at sign-in, and still verifies after', async () => {
    const old = await hashPassword(TEST_PASSWORD, { N: 2 ** 14, r: 8, p: 1 });
    await harness.storage.db.update(users).set({ passwordHash: old }).where(eq(users.username, 'viewer'));
    expect((await signIn('viewer')).status).toBe(200);
    const { N, r, p } = PASSWORD_PARAMS;
    expect(await storedHash('viewer')).toMatch(new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$`));
    expect((await signIn('viewer')).status).toBe(200);
  });

  it('scrypt parameters are OWASP-strength (N=2^17·p=1, or an equivalent such as 2^15·p=3)', () => {
    expect(PASSWORD_PARAMS.N * PASSWORD_PARAMS.p).toBeGreaterThanOrEqual(3 * 2 ** 15);
    expect(PASSWORD_PARAMS.r).toBeGreaterThanOrEqual(8);
  });

  it('"sign out everywhere" ends every session of the user, and only theirs', async () => {
    const [here, elsewhere, someoneElse] = [
      await harness.as('operator'),
      await harness.as('operator'),
      await harness.as('admin'),
    ];
    expect((await here.request('DELETE', '/api/session?all=true')).status).toBe(204);
    expect((await elsewhere.get('/api/session')).status).toBe(401);
    expect((await here.get('/api/session')).status).toBe(401);
    expect((await someoneElse.get('/api/session')).status).toBe(200);
  });

  it('password sign-in can be switched off (SSO mode)', async () => {
    const sso = await startHarness({ passwordSignIn: false });
    try {
      const response = await sso.anonymous.request('POST', '/api/session', {
        username: 'admin',
        password: TEST_PASSWORD,
      });
      expect(response.status).toBe(403);
      expect(Problem.parse(await response.json()).title).toBe('Password sign-in is off');
      expect(response.headers.get('Set-Cookie')).toBeNull();
    } finally {
      await sso.close();
    }
  });
});

describe('idle sessions (#16 item 15)', () => {
  it('a session unused for the idle time ends; one in use lives on, up to its lifetime', async () => {
    let now = Date.now();
    const idle = await startHarness({ sessionIdleMs: 10 * 60_000, clock: () => new Date(now) });
    try {
      const [used, unused] = [await idle.as('viewer'), await idle.as('viewer')];
      for (let minutes = 0; minutes < 3; minutes++) {
        now += 8 * 60_000;
        expect((await used.get('/api/session')).status).toBe(200);
      }
      expect((await unused.get('/api/session')).status).toBe(401);
      now += 11 * 60_000;
      expect((await used.get('/api/session')).status).toBe(401);
    } finally {
      await idle.close();
    }
  });
});
