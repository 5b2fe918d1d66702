// Test support: the real BFF over PGlite, pointed at a real emulator through the real SDK.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CSRF_HEADER, CSRF_HEADER_VALUE, Problem, type Role } from '@gateway-console/contract';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { type EmulatorTestKit, emulatorTestKit } from '@gateway-console/emulator/testkit';
import { expect } from 'vitest';
import { createApp } from '../src/app.ts';
import { startSession } from '../src/auth/sessions.ts';
import { saveUser } from '../src/auth/users.ts';
import { awsDeps } from '../src/aws/clients.ts';
import type { Deps } from '../src/context.ts';
import { openStorage, type Storage } from '../src/db/database.ts';

/** Asserts a problem+json answer of this status carrying its request id, and returns the problem. */
export async function problemOf(response: Response, status: number): Promise<Problem> {
  expect(response.status, await response.clone().text()).toBe(status);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  const problem = Problem.parse(await response.json());
  expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
  return problem;
}

/** Counts the GetMetricData calls a CloudWatch client sends, as AWS would bill them. */
export function countGetMetricData(cloudWatch: CloudWatchClient): { getMetricData: number } {
  const calls = { getMetricData: 0 };
  cloudWatch.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'GetMetricDataCommand') calls.getMetricData++;
      return next(args);
    },
    { step: 'initialize', name: 'countGetMetricData' },
  );
  return calls;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** A signed-in browser-like caller: keeps the session cookie, sends the CSRF header on changes. */
export interface Caller {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

type App = ReturnType<typeof createApp>;

export interface Harness {
  app: App;
  /** Its URL and invoke URLs; what it holds is read through the SDK or {@link kit}, never from its memory. */
  emulator: Pick<RunningEmulator, 'url' | 'invokeUrl'>;
  storage: Storage;
  /** A direct SDK client to check what really happened in API Gateway. */
  sdk: APIGatewayClient;
  /**
   * A caller signed in with this role (users `admin`, `operator`, `viewer`); with `overrides`, on
   * another BFF sharing this one's database (say, pointed at an unreachable CloudWatch).
   */
  as(role: Role, overrides?: Partial<Deps>): Promise<Caller>;
  /** A caller signed in as this user with this password (fails the test when sign-in fails). */
  signIn(username: string, password: string): Promise<Caller>;
  /** A caller without a session. */
  anonymous: Caller;
  /** The emulator's faults and call counts, through its `/_emulator/*` endpoints. */
  kit: EmulatorTestKit;
  close(): Promise<void>;
}

/** A migrated in-memory PGlite with the users admin, operator and viewer (password TEST_PASSWORD). */
/** PGlite in memory; PostgreSQL when DATABASE_URL is set (apps/bff/scripts/test-postgres.sh). */
export async function openTestStorage(): Promise<Storage> {
  const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL });
  for (const role of ['admin', 'operator', 'viewer'] as const) {
    await saveUser(storage.db, { username: role, role }, TEST_PASSWORD);
  }
  return storage;
}

/** The Cookie header of a fresh session of this demo user. */
export async function sessionCookie(storage: Storage, role: Role): Promise<string> {
  return `gc_session=${await startSession(storage.db, role, new Date())}`;
}

/** A caller of `app` with this Cookie header (or none). */
export function callerOf(app: App, cookie: string | undefined): Caller {
  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.request(path, {
      method,
      headers: {
        ...(method === 'GET' ? {} : { [CSRF_HEADER]: CSRF_HEADER_VALUE }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(cookie ? { Cookie: cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { request, get: (path, headers) => request('GET', path, undefined, headers) };
}

export async function startHarness(
  overrides: Partial<Deps> = {},
  emulatorOptions: EmulatorOptions = {},
): Promise<Harness> {
  const [emulator, storage] = await Promise.all([
    startEmulator({ port: 0, seed: 'demo', demoLoad: false, ...emulatorOptions }),
    openTestStorage(),
  ]);
  const aws = {
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const appWith = (more: Partial<Deps>) =>
    createApp({
      ...awsDeps(aws),
      storage,
      ...overrides,
      ...more,
    });
  const app = appWith({});
  const anonymous = callerOf(app, undefined);

  return {
    app,
    emulator,
    storage,
    sdk: new APIGatewayClient(aws),
    anonymous,
    async as(role, more) {
      const response = await anonymous.request('POST', '/api/session', {
        username: role,
        password: TEST_PASSWORD,
      });
      if (response.status !== 200) throw new Error(`sign-in as ${role} failed: ${await response.text()}`);
      const cookie = response.headers.get('Set-Cookie')?.split(';')[0];
      return callerOf(more ? appWith(more) : app, cookie);
    },
    kit: emulatorTestKit(emulator.url),
    async signIn(username, password) {
      const response = await anonymous.request('POST', '/api/session', { username, password });
      if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${await response.text()}`);
      return callerOf(app, response.headers.get('Set-Cookie')?.split(';')[0]);
    },
    async close() {
      await Promise.all([emulator.close(), storage.close()]);
    },
  };
}
