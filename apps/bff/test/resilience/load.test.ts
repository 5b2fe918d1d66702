import { loadavg } from 'node:os';
import { APIGatewayClient, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALLS_PER_SECOND } from '../../src/aws/budget.ts';
import { METRICS_CACHE_SECONDS } from '../../src/routes/metrics.ts';
import { accountStages } from '../account-stages.ts';
import { type RunningConsole, type Session, startConsole } from './harness.ts';
import { emptyTally } from './summary.ts';
import { recordNote, recordTally } from './tally.ts';

/** Signed-in operators watching at once. */
const SESSIONS = 50;
/** As long as the issue asks: two turns of the metrics cache, thirty of the control-plane read cache. */
const LOAD_SECONDS = 60;
/** How often each open page asks again (dashboards refresh far less often; this is a worst case). */
const POLL_MS = 1000;
/**
 * Latency targets for the BFF under this load, everything (emulator, PGlite, BFF, 50 clients) in one
 * process on a 2-core machine that CI may share: generous bounds that still catch a BFF that queues
 * behind CloudWatch or holds requests (an uncached dashboard takes seconds here).
 */
const P50_TARGET_MS = 1000;
const P99_TARGET_MS = 3000;
/**
 * API Gateway calls per second per thing read (one stage, one API's deployments…), however many operators
 * watch it. The BFF's read cache shares one answer per thing for 2 s (about 0.5 calls/s each); without it
 * every poll reaches AWS (about 2/s each here, more on a faster machine), and 50 operators would spend
 * the account's whole control-plane quota (AWS-NOTES: about 10 calls/s).
 */
const CALLS_PER_RESOURCE_PER_SECOND = 1;
/** API Gateway's control-plane quota per account, for the report. */
const ACCOUNT_QUOTA_PER_SECOND = 10;

let world: RunningConsole;
const tally = emptyTally();

beforeAll(async () => {
  // Under AWS's real control-plane quotas: the emulator refuses what AWS would refuse.
  world = await startConsole({ emulator: { quotas: 'aws' } });
});
afterAll(async () => {
  recordTally(tally);
  await world?.close();
});

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Latencies by kind of page, in ms, with their percentiles once the run is over. */
class Latencies {
  private readonly byKind = new Map<string, number[]>();

  add(kind: string, ms: number): void {
    const list = this.byKind.get(kind) ?? [];
    list.push(ms);
    this.byKind.set(kind, list);
  }

  /** p50 and p99 of one kind, or of every kind together. */
  of(kind?: string): { count: number; p50: number; p99: number } {
    const all = (kind ? (this.byKind.get(kind) ?? []) : [...this.byKind.values()].flat()).sort(
      (a, b) => a - b,
    );
    return { count: all.length, p50: percentile(all, 50), p99: percentile(all, 99) };
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

describe(`load: ${SESSIONS} signed-in sessions polling dashboards and stage pages for ${LOAD_SECONDS} s`, () => {
  it('stays within latency targets, without errors, with CloudWatch and API Gateway calls bounded by the caches', async () => {
    const stages = await accountStages(world.sdk);
    const sessions: Session[] = [];
    for (let i = 0; i < SESSIONS; i++) sessions.push(await world.as(i % 3 === 0 ? 'operator' : 'viewer'));

    // Each session has one stage page open: its dashboard, the stage, its deployments; and the API's dashboard.
    const pagesOf = (i: number) => {
      const { apiId, stage } = stages[i % stages.length]!;
      return [
        { kind: 'stage dashboard', path: `/api/apis/${apiId}/stages/${stage}/metrics?range=1h` },
        { kind: 'API dashboard', path: `/api/apis/${apiId}/metrics?range=1h` },
        { kind: 'stage', path: `/api/apis/${apiId}/stages/${stage}` },
        { kind: 'deployments', path: `/api/apis/${apiId}/deployments` },
        { kind: 'stages', path: `/api/apis/${apiId}/stages` },
      ];
    };
    const views = new Set<string>();
    const latencies = new Latencies();
    const failures: string[] = [];
    const callsBefore = world.aws.calls.length;
    const started = Date.now();
    const deadline = started + LOAD_SECONDS * 1000;

    // Beside the load, the emulator's own GetStage time, straight through the SDK: what AWS costs here,
    // so the BFF's own share of a stage read's latency can be told apart.
    const direct = new Latencies();
    // Another tool of the account (its own access key): the emulator counts its calls apart from the BFF's.
    const otherTool = new APIGatewayClient({
      region: 'us-east-1',
      endpoint: world.emulator.url,
      credentials: { accessKeyId: 'other-tool', secretAccessKey: 'other' },
    });
    const probe = (async () => {
      const { apiId, stage } = stages[0]!;
      while (Date.now() < deadline) {
        const begun = performance.now();
        await otherTool.send(new GetStageCommand({ restApiId: apiId, stageName: stage }));
        direct.add('GetStage', performance.now() - begun);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    await Promise.all(
      sessions.map(async (session, i) => {
        const pages = pagesOf(i);
        for (const page of pages) if (page.path.includes('/metrics')) views.add(page.path);
        // Sessions start spread over one poll interval, as real tabs do.
        await new Promise((resolve) => setTimeout(resolve, (i * POLL_MS) / SESSIONS));
        while (Date.now() < deadline) {
          for (const page of pages) {
            const begun = performance.now();
            const response = await session.request('GET', page.path);
            latencies.add(page.kind, performance.now() - begun);
            tally.casesTried += 1;
            if (response.status >= 500) tally.serverErrors += 1;
            if (response.status !== 200)
              failures.push(`${page.path} → ${response.status} ${response.text.slice(0, 120)}`);
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      }),
    );
    await probe;
    otherTool.destroy();
    const seconds = (Date.now() - started) / 1000;

    const calls = world.aws.calls.slice(callsBefore);
    const cloudWatchCalls = calls.filter((c) => c.operation === 'GetMetricData').length;
    // One GetMetricData per view per cache period (plus the one in flight when the period turns).
    const cloudWatchBound = views.size * (Math.ceil(LOAD_SECONDS / METRICS_CACHE_SECONDS) + 1);
    const controlPlane = calls.filter((c) => c.service === 'apigateway');
    const resources = new Set(controlPlane.map((c) => `${c.operation} ${c.path}`));
    const controlPlaneRate = controlPlane.length / seconds;
    const perResource = controlPlaneRate / Math.max(1, resources.size);

    const overall = latencies.of();
    const stageRead = latencies.of('stage');
    const aws = direct.of('GetStage');
    recordNote(
      [
        `[resilience] load: ${overall.count} requests from ${SESSIONS} sessions in ${seconds.toFixed(0)} s, ` +
          `load average ${loadavg()[0]?.toFixed(1)}`,
        `  BFF p50 ${ms(overall.p50)}, p99 ${ms(overall.p99)} (targets here ${P50_TARGET_MS} / ${P99_TARGET_MS} ms); by page: ` +
          latencies
            .kinds()
            .map((kind) => `${kind} ${ms(latencies.of(kind).p50)} / ${ms(latencies.of(kind).p99)}`)
            .join(', '),
        `  stage read through the BFF p50 ${ms(stageRead.p50)}, p99 ${ms(stageRead.p99)}; ` +
          `GetStage straight to the emulator under the same load p50 ${ms(aws.p50)}, p99 ${ms(aws.p99)} ` +
          `(BFF added ≈ ${ms(stageRead.p50 - aws.p50)} at p50)`,
        `  CloudWatch GetMetricData ${cloudWatchCalls} (bound ${cloudWatchBound} for ${views.size} views); ` +
          `API Gateway ${controlPlane.length} calls, ${controlPlaneRate.toFixed(1)}/s over ${resources.size} resources ` +
          `(${perResource.toFixed(2)}/s each, bound ${CALLS_PER_RESOURCE_PER_SECOND}/s; the account quota is about ${ACCOUNT_QUOTA_PER_SECOND}/s)`,
      ].join('\n'),
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(overall.p50).toBeLessThanOrEqual(P50_TARGET_MS);
    expect(overall.p99).toBeLessThanOrEqual(P99_TARGET_MS);
    expect(cloudWatchCalls).toBeGreaterThan(0);
    expect(cloudWatchCalls).toBeLessThanOrEqual(cloudWatchBound);
    expect(controlPlane.length).toBeGreaterThan(0);
    expect(perResource).toBeLessThanOrEqual(CALLS_PER_RESOURCE_PER_SECOND);
    // Counted by the emulator, second by second: the BFF never above its budget, and AWS refused nothing.
    const { seconds: bySecond } = await world.kit.quotas({ caller: 'test' });
    const busiest = Math.max(...bySecond.map((s) => s.accepted + s.throttled));
    recordNote(
      `  busiest second of the BFF at the emulator: ${busiest} calls (budget ${DEFAULT_CALLS_PER_SECOND}/s)`,
    );
    expect(busiest).toBeLessThanOrEqual(DEFAULT_CALLS_PER_SECOND);
    const { seconds: everyCaller } = await world.kit.quotas();
    expect(everyCaller.reduce((sum, s) => sum + s.throttled, 0)).toBe(0);
  }, 240_000);
});
