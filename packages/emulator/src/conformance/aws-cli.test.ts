import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../server.ts';

/**
 * The AWS CLI v2 from Debian's `awscli` package against the emulator: API Gateway (restJson1) and
 * CloudWatch, which the CLI 2.9 speaks in the Query protocol. A pip `aws` (v1) may come first on
 * PATH, so the test runs Debian's `/usr/bin/aws` by path.
 */
const DEBIAN_AWS = '/usr/bin/aws';
const run = promisify(execFile);
const available = existsSync(DEBIAN_AWS);
if (!available) console.warn(`[aws-cli.test] skipped: ${DEBIAN_AWS} is absent (apt-get install awscli)`);

let emulator: RunningEmulator;
let home: string;

async function aws(...args: string[]): Promise<unknown> {
  const { stdout } = await run(DEBIAN_AWS, ['--endpoint-url', emulator.url, '--output', 'json', ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_PAGER: '',
    },
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

/** The CLI's exit code and message for a call that fails. */
async function awsFails(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await aws(...args);
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error(`aws ${args.join(' ')} succeeded`);
}

// Each command is a Python process start (about a second on a busy machine): a test runs a dozen.
const CLI_TEST_TIMEOUT_MS = 60_000;

describe.skipIf(!available)('Debian AWS CLI against the emulator', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'none' });
    home = mkdtempSync(join(tmpdir(), 'aws-cli-'));
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('is the Debian CLI v2', async () => {
    const { stdout } = await run(DEBIAN_AWS, ['--version']);
    expect(stdout).toMatch(/^aws-cli\/2\./);
  });

  it('drives API Gateway: create, method, integration, deployment, stage patch, export, errors', async () => {
    const api = (await aws('apigateway', 'create-rest-api', '--name', 'cli-api')) as { id: string };
    expect(api.id).toMatch(/^[a-z0-9]{10}$/);
    // The CLI 2.9's model predates `rootResourceId`; the root comes from GetResources.
    const resources = (await aws('apigateway', 'get-resources', '--rest-api-id', api.id)) as {
      items: { id: string; path: string }[];
    };
    const root = resources.items.find((i) => i.path === '/')!;
    const r = ['--rest-api-id', api.id, '--resource-id', root.id, '--http-method', 'GET'];
    await aws('apigateway', 'put-method', ...r, '--authorization-type', 'NONE');
    await aws(
      'apigateway',
      'put-integration',
      ...r,
      '--type',
      'MOCK',
      '--request-templates',
      '{"application/json":"{\\"statusCode\\": 200}"}',
    );
    const deployment = (await aws(
      'apigateway',
      'create-deployment',
      '--rest-api-id',
      api.id,
      '--stage-name',
      'dev',
    )) as { id: string };
    const stage = (await aws(
      'apigateway',
      'update-stage',
      '--rest-api-id',
      api.id,
      '--stage-name',
      'dev',
      '--patch-operations',
      'op=replace,path=/*/*/throttling/rateLimit,value=42',
    )) as { deploymentId: string; methodSettings: Record<string, { throttlingRateLimit: number }> };
    expect(stage.deploymentId).toBe(deployment.id);
    expect(stage.methodSettings['*/*']?.throttlingRateLimit).toBe(42);
    const listed = (await aws('apigateway', 'get-rest-apis')) as { items: { name: string }[] };
    expect(listed.items.map((i) => i.name)).toEqual(['cli-api']);

    const out = join(home, 'export.json');
    await aws(
      'apigateway',
      'get-export',
      '--rest-api-id',
      api.id,
      '--stage-name',
      'dev',
      '--export-type',
      'oas30',
      out,
    );
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      openapi: '3.0.1',
      info: { title: 'cli-api' },
    });

    const missing = await awsFails('apigateway', 'get-rest-api', '--rest-api-id', 'nosuchapi1');
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain(
      '(NotFoundException) when calling the GetRestApi operation: Invalid API identifier specified',
    );
  });

  it('drives CloudWatch over the Query protocol: put-metric-data, list-metrics, get-metric-data with math', async () => {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3 * 60_000);
    const dims = [{ Name: 'ApiName', Value: 'cli-api' }];
    await aws(
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'GatewayConsole/Cli',
      '--metric-data',
      JSON.stringify([
        {
          MetricName: '5XXError',
          Dimensions: dims,
          Values: [0, 1],
          Counts: [7, 3],
          Timestamp: minute.toISOString(),
        },
        { MetricName: 'Count', Dimensions: dims, Value: 10, Timestamp: minute.toISOString() },
      ]),
    );
    const metrics = (await aws('cloudwatch', 'list-metrics', '--namespace', 'GatewayConsole/Cli')) as {
      Metrics: unknown[];
    };
    expect(metrics.Metrics).toEqual([
      { Namespace: 'GatewayConsole/Cli', MetricName: '5XXError', Dimensions: dims },
      { Namespace: 'GatewayConsole/Cli', MetricName: 'Count', Dimensions: dims },
    ]);

    const queries = join(home, 'queries.json');
    const stat = (name: string) => ({
      Metric: { Namespace: 'GatewayConsole/Cli', MetricName: name, Dimensions: dims },
      Period: 60,
      Stat: 'Sum',
    });
    writeFileSync(
      queries,
      JSON.stringify([
        { Id: 'errors', MetricStat: stat('5XXError'), ReturnData: false },
        { Id: 'requests', MetricStat: stat('Count'), ReturnData: false },
        { Id: 'rate', Expression: '100 * errors / requests', Label: 'Error rate' },
      ]),
    );
    const data = (await aws(
      'cloudwatch',
      'get-metric-data',
      '--metric-data-queries',
      `file://${queries}`,
      '--start-time',
      new Date(minute.getTime() - 5 * 60_000).toISOString(),
      '--end-time',
      new Date(minute.getTime() + 2 * 60_000).toISOString(),
    )) as { MetricDataResults: { Id: string; Label: string; Timestamps: string[]; Values: number[] }[] };
    expect(data.MetricDataResults).toHaveLength(1);
    const [rate] = data.MetricDataResults;
    expect(rate).toMatchObject({ Id: 'rate', Label: 'Error rate', Values: [30], StatusCode: 'Complete' });
    expect(new Date(rate!.Timestamps[0]!).getTime()).toBe(minute.getTime());

    const refused = await awsFails(
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'AWS/ApiGateway',
      '--metric-name',
      'Count',
      '--value',
      '1',
    );
    expect(refused.stderr).toContain('(InvalidParameterValue) when calling the PutMetricData operation');
  });
});
