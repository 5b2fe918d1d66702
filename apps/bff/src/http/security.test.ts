import { AuditPage, CSRF_HEADER, CSRF_HEADER_VALUE, Problem } from '@gateway-console/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Harness, startHarness, TEST_PASSWORD } from '../../test/harness.ts';
import { ANONYMOUS_REFUSALS_PER_MINUTE } from '../audit/middleware.ts';
import { listenOrigins } from '../server.ts';
import { MAX_BODY_BYTES } from './security.ts';

const CONSOLE = 'https://console.example';
let harness: Harness;
let admin: Caller;
let now = Date.now();

beforeAll(async () => {
  harness = await startHarness({
    allowedOrigins: [CONSOLE],
    // In-process requests have no socket: the tests name their client in this header instead.
    clientAddressHeader: 'X-Forwarded-For',
    clock: () => new Date(now),
  });
  admin = await harness.as('admin');
});
afterAll(() => harness.close());

const audit = async (query = 'limit=200') =>
  AuditPage.parse(await (await admin.get(`/api/audit?${query}`)).json()).items;

/** A request from nobody signed in, at `url` (an absolute URL sets Host), from client `from`. */
const anonymous = (url: string, init: RequestInit & { from: string }) =>
  harness.app.request(url, {
    ...init,
    headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE, 'X-Forwarded-For': init.from, ...init.headers },
  });

const signIn = (url: string, origin: string, from: string) =>
  anonymous(url, {
    from,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ username: 'viewer', password: TEST_PASSWORD }),
  });

describe('CSRF origin (#16 item 14)', () => {
  it('compares Origin with the configured origin, not with the Host a rebound domain sends', async () => {
    const rebound = await signIn('http://evil.example/api/session', 'http://evil.example', '10.0.0.1');
    expect(rebound.status).toBe(403);
    expect(Problem.parse(await rebound.json()).code).toBe('CSRF_REJECTED');
    expect((await signIn(`${CONSOLE}/api/session`, CONSOLE, '10.0.0.1')).status).toBe(200);
  });

  it('defaults to the listen address by each name a browser uses; a wildcard says nothing', () => {
    expect(listenOrigins('127.0.0.1', 8080)).toEqual([
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'http://[::1]:8080',
    ]);
    expect(listenOrigins('console.internal', 80)).toEqual(['http://console.internal']);
    expect(listenOrigins('0.0.0.0', 8080)).toBeUndefined();
  });
});

describe('request ids (#16 item 11)', () => {
  it('are our own, whatever the client sends', async () => {
    const response = await anonymous('/api/apis/x/stages/y', {
      from: '10.0.0.2',
      method: 'DELETE',
      headers: { 'X-Request-Id': 'client-chosen-id' },
    });
    const id = response.headers.get('X-Request-Id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Problem.parse(await response.json()).requestId).toBe(id);
    expect((await audit('limit=1'))[0]!.requestId).toBe(id);
  });
});

describe('changes refused before any route are audited (#16 item 10)', () => {
  it('an anonymous 401, a CSRF 403, a 415 and a 413 each leave one refused row', async () => {
    const stage = '/api/apis/abc123/stages/prod';
    const cases: [RequestInit, number][] = [
      [{ method: 'DELETE' }, 401],
      [{ method: 'DELETE', headers: { [CSRF_HEADER]: '' } }, 403],
      [{ method: 'PATCH', headers: { 'Content-Type': 'text/plain' }, body: 'x' }, 415],
      [
        {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ x: 'a'.repeat(MAX_BODY_BYTES) }),
        },
        413,
      ],
    ];
    for (const [init, status] of cases) {
      const response = await anonymous(stage, { ...init, from: '10.0.0.3' });
      expect(response.status).toBe(status);
      const [row] = await audit('limit=1');
      expect(row).toMatchObject({
        action: 'request.refused',
        actor: 'anonymous',
        outcome: 'refused',
        target: `${init.method} ${stage}`,
        requestId: response.headers.get('X-Request-Id'),
      });
      expect(row!.detail).toMatch(new RegExp(`^${status} `));
    }
  });

  it('anonymous refusals are recorded within a per-client budget; the next row says how many were left out', async () => {
    const before = (await audit()).length;
    const flood = (from: string) =>
      anonymous('/api/session', { from, method: 'DELETE', headers: { [CSRF_HEADER]: '' } });
    for (let i = 0; i < ANONYMOUS_REFUSALS_PER_MINUTE + 30; i++)
      expect((await flood('10.0.0.4')).status).toBe(403);
    expect((await audit()).length - before).toBe(ANONYMOUS_REFUSALS_PER_MINUTE);
    // Another client is not silenced by this one.
    await flood('10.0.0.5');
    expect((await audit('limit=1'))[0]!.detail).not.toMatch(/not recorded/);
    now += 61_000;
    await flood('10.0.0.4');
    expect((await audit('limit=1'))[0]!.detail).toMatch(
      /\(30 more refusals of this client were not recorded\)/,
    );
  });
});
