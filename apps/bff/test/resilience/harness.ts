// The resilience suite's world: the real BFF served over loopback HTTP, its real SDK clients pointed at
// a real emulator through a recorder that counts every AWS call, its database a PGlite directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { Role } from '@gateway-console/contract';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@gateway-console/contract';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { type EmulatorTestKit, emulatorTestKit } from '@gateway-console/emulator/testkit';
import { createApp } from '../../src/app.ts';
import { saveUser } from '../../src/auth/users.ts';
import { CallBudget } from '../../src/aws/budget.ts';
import { awsDeps } from '../../src/aws/clients.ts';
import type { Deps } from '../../src/context.ts';
import { openStorage, type Storage } from '../../src/db/database.ts';
import { listen } from '../../src/http/listen.ts';
import { AwsRecorder } from './aws-recorder.ts';
import { type RawRequest, type RawResponse, send } from './raw-http.ts';

export const PASSWORD = 'resilience: correct horse battery staple';
export const roles: readonly Role[] = ['viewer', 'operator', 'admin'];

/** A browser-like caller: keeps its cookie, sends the CSRF header and its own Origin on changes. */
export interface Session {
  /** `gc_session=…`, or undefined when signed out / anonymous. */
  cookie: string | undefined;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<RawResponse & { json: () => unknown }>;
}

export interface RunningConsole {
  /** The BFF's base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Its URL and invoke URLs; what it holds is read through {@link sdk} or {@link kit}, never from its memory. */
  emulator: Pick<RunningEmulator, 'url' | 'invokeUrl'>;
  /** The emulator's faults and call counts, through its `/_emulator/*` endpoints (same port after a restart). */
  kit: EmulatorTestKit;
  /** Every AWS call the BFF made, by operation. */
  aws: AwsRecorder;
  storage: Storage;
  /** Straight to the emulator, to check what really happened in API Gateway. */
  sdk: APIGatewayClient;
  /** Stops the emulator (AWS is gone: connections fail) until {@link startEmulatorAgain}. */
  stopEmulator(): Promise<void>;
  /** A fresh emulator on the same port (demo seed), as when AWS comes back. */
  startEmulatorAgain(): Promise<void>;
  /** Moves the BFF's clock (session expiry, audit times) forward by this many ms. */
  advanceClock(ms: number): void;
  send(req: RawRequest): Promise<RawResponse>;
  /** Signs a user of this role in through POST /api/session. */
  as(role: Role): Promise<Session>;
  /** A caller with this cookie (or none), from this loopback address (127.0.0.2, …) when given. */
  sessionWith(cookie: string | undefined, localAddress?: string): Session;
  close(): Promise<void>;
}

export interface ConsoleOptions {
  emulator?: EmulatorOptions;
  /** BFF dependencies to replace. */
  deps?: Partial<Deps>;
  /** The BFF's own per-attempt timeout on AWS calls (default: the BFF's). */
  awsRequestTimeoutMs?: number;
  /** How long the BFF shares API Gateway reads (default: the BFF's). */
  readCacheMs?: number;
  /** The BFF's API Gateway budget (default: the BFF's). */
  awsCallsPerSecond?: number;
}

export const awsConfig = (endpoint: string, requestTimeout?: number) => ({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  ...(requestTimeout === undefined
    ? {}
    : { requestHandler: { requestTimeout, throwOnRequestTimeout: true } }),
});

/** Starts emulator (demo seed, no background traffic), recorder, PGlite in a temp dir and the BFF. */
export async function startConsole(options: ConsoleOptions = {}): Promise<RunningConsole> {
  const emulatorOptions: EmulatorOptions = { port: 0, seed: 'demo', demoTraffic: false, ...options.emulator };
  let emulator = await startEmulator(emulatorOptions);
  const emulatorPort = Number(new URL(emulator.url).port);
  const aws = await AwsRecorder.start(emulator.url);
  const dataDir = mkdtempSync(join(tmpdir(), 'gc-resilience-db-'));
  const storage = await openStorage({ dataDir });
  for (const role of roles) await saveUser(storage.db, { username: role, role }, PASSWORD);
  let offset = 0;
  const app = createApp({
    ...awsDeps({
      ...awsConfig(aws.url, options.awsRequestTimeoutMs),
      readCacheMs: options.readCacheMs,
      budget: options.awsCallsPerSecond ? new CallBudget(options.awsCallsPerSecond) : undefined,
    }),
    storage,
    clock: () => new Date(Date.now() + offset),
    ...options.deps,
  });
  const { server, port } = await listen(app.fetch, { port: 0, hostname: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;

  const sessionWith = (cookie: string | undefined, localAddress?: string) =>
    sessionAt(url, cookie, localAddress);

  return {
    url,
    get emulator() {
      return emulator;
    },
    async stopEmulator() {
      await Promise.all([emulator.close(), aws.pause()]);
    },
    async startEmulatorAgain() {
      emulator = await startEmulator({ ...emulatorOptions, port: emulatorPort });
      await aws.resume();
    },
    kit: emulatorTestKit(emulator.url),
    aws,
    storage,
    // Signs with a key of its own: the emulator's per-caller counts of `test` are the BFF's alone.
    sdk: new APIGatewayClient({
      ...awsConfig(emulator.url),
      credentials: { accessKeyId: 'resilience-test', secretAccessKey: 'test' },
    }),
    advanceClock: (ms) => {
      offset += ms;
    },
    send: (req) => send(url, req),
    sessionWith,
    as: (role) => signIn(url, role),
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await storage.close();
      await aws.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A caller of the BFF at `url` with this cookie (or none), from `localAddress` when given. */
export function sessionAt(url: string, cookie: string | undefined, localAddress?: string): Session {
  return {
    cookie,
    async request(method, path, body, headers = {}) {
      const response = await send(url, {
        localAddress,
        method,
        path,
        headers: {
          ...(method === 'GET' ? {} : { [CSRF_HEADER]: CSRF_HEADER_VALUE, Origin: url }),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(cookie ? { Cookie: cookie } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { ...response, json: () => JSON.parse(response.text) };
    },
  };
}

/** Signs in at the BFF at `url` through POST /api/session as the user named after `role`. */
export async function signIn(
  url: string,
  role: Role,
  password = PASSWORD,
  localAddress?: string,
): Promise<Session> {
  const response = await sessionAt(url, undefined, localAddress).request('POST', '/api/session', {
    username: role,
    password,
  });
  if (response.status !== 200) throw new Error(`sign-in as ${role} failed: ${response.text}`);
  return sessionAt(url, cookieOf(response), localAddress);
}

/** The `name=value` of a response's session cookie. */
export function cookieOf(response: RawResponse): string | undefined {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return first?.split(';')[0];
}
