import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningEmulator, startEmulator } from '@gateway-console/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BffProcess, startBffProcess } from '../test/resilience/bff-process.ts';
import { cookieOf, sessionAt } from '../test/resilience/harness.ts';
import { ConfigError, configFromEnv } from './config.ts';

describe('configuration', () => {
  it('refuses a bad port, URL or region with the variable named, and treats empty as unset', () => {
    expect(() => configFromEnv('start', { PORT: 'eighty' })).toThrow(/PORT must be a port number/);
    expect(() => configFromEnv('start', { PORT: '70000' })).toThrow(/PORT must be between 0 and 65535/);
    expect(() => configFromEnv('start', { AWS_ENDPOINT_URL: 'localhost:4566' })).toThrow(
      /AWS_ENDPOINT_URL must be an http\(s\) URL/,
    );
    expect(() => configFromEnv('start', { AWS_REGION: 'Ireland' })).toThrow(
      /AWS_REGION must be an AWS region/,
    );
    expect(() => configFromEnv('start', { CONSOLE_BEHIND_HTTPS: 'yes' })).toThrow(ConfigError);
    expect(() => configFromEnv('start', { CONSOLE_SESSION_CHECK_SECONDS: 'soon' })).toThrow(
      /CONSOLE_SESSION_CHECK_SECONDS must be a number of seconds/,
    );
    expect(configFromEnv('start', { CONSOLE_SESSION_CHECK_SECONDS: '2' }).sessionRecheckMs).toBe(2_000);
    expect(configFromEnv('start', {}).sessionRecheckMs).toBe(5_000);
    expect(() => configFromEnv('start', { CONSOLE_OIDC_ISSUER: 'https://id.example' })).toThrow(
      /OpenID Connect needs all of/,
    );
    expect(() => configFromEnv('start', { CONSOLE_PASSWORD_SIGN_IN: 'false' })).toThrow(/leaves no way in/);
    const oidc = configFromEnv('start', {
      CONSOLE_OIDC_ISSUER: 'https://id.example',
      CONSOLE_OIDC_CLIENT_ID: 'console',
      CONSOLE_OIDC_CLIENT_SECRET: 'secret',
      CONSOLE_OIDC_REDIRECT_URL: 'https://console.example/api/session/oidc/callback',
      CONSOLE_OIDC_ADMIN_GROUPS: 'platform-admins, leads',
    }).oidc;
    expect(oidc).toMatchObject({
      groupsClaim: 'groups',
      adminGroups: ['platform-admins', 'leads'],
      operatorGroups: [],
    });
    expect(() => configFromEnv('start', { CONSOLE_AWS_CALLS_PER_SECOND: '40' })).toThrow(
      /CONSOLE_AWS_CALLS_PER_SECOND must be between 1 and 10/,
    );
    expect(configFromEnv('start', {}).awsCallsPerSecond).toBe(5);
    expect(configFromEnv('start', { CONSOLE_AWS_CALLS_PER_SECOND: '3' }).awsCallsPerSecond).toBe(3);
    const config = configFromEnv('start', { AWS_ENDPOINT_URL: '', PORT: '0' });
    expect(config).toMatchObject({ endpointUrl: undefined, port: 0, region: 'us-east-1' });
  });

  it('password sign-in is off by default behind an SSO proxy, and can be turned on (#16 item 15)', () => {
    const proxy = {
      CONSOLE_TRUSTED_PROXY_HEADER: 'X-Forwarded-User',
      CONSOLE_TRUSTED_PROXY_SECRET: 's'.repeat(16),
    };
    expect(configFromEnv('start', {}).passwordSignIn).toBe(true);
    expect(configFromEnv('start', proxy).passwordSignIn).toBe(false);
    expect(configFromEnv('start', { ...proxy, CONSOLE_PASSWORD_SIGN_IN: 'true' }).passwordSignIn).toBe(true);
  });

  it('pnpm serve needs a region: it is real AWS, and no default is safe', () => {
    expect(() => configFromEnv('serve', {})).toThrow(/AWS_REGION is not set/);
    expect(configFromEnv('serve', { AWS_DEFAULT_REGION: 'eu-west-1' }).region).toBe('eu-west-1');
  });
});

describe('pnpm serve', () => {
  const bffRoot = fileURLToPath(new URL('..', import.meta.url));
  let emulator: RunningEmulator;
  let dataDir: string;
  let bff: BffProcess | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo', demoTraffic: false });
    dataDir = mkdtempSync(join(tmpdir(), 'gc-serve-'));
  });
  afterAll(async () => {
    await bff?.kill();
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start without a region and says why', () => {
    const { PATH, HOME } = process.env;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/serve.ts'], {
      cwd: bffRoot,
      env: { PATH, HOME, PORT: '0', CONSOLE_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('AWS_REGION is not set');
  });

  it('against an endpoint: no emulator, no demo users, only the configured first admin', async () => {
    bff = await startBffProcess({
      awsEndpoint: emulator.url,
      dataDir,
      env: { CONSOLE_ADMIN_USERNAME: 'ada', CONSOLE_ADMIN_PASSWORD: 'first admin password 1' },
    });
    expect(bff.output()).toContain('First admin ada created.');
    expect(bff.output()).not.toMatch(/emulator|demo/i);
    const anonymous = sessionAt(bff.url, undefined);
    for (const username of ['admin', 'operator', 'viewer']) {
      const demo = await anonymous.request('POST', '/api/session', { username, password: 'anything at all' });
      expect(demo.status).toBe(401);
    }
    const admin = await anonymous.request('POST', '/api/session', {
      username: 'ada',
      password: 'first admin password 1',
    });
    expect(admin.status).toBe(200);
    // The APIs it lists are the endpoint's, seen through the SDK like any AWS account's.
    const cookie = cookieOf(admin);
    const apis = await sessionAt(bff.url, cookie).request('GET', '/api/apis');
    expect(apis.status).toBe(200);
    expect(apis.text).toContain('PetStore');
  });
});
