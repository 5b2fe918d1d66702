import {
  APIGatewayClient,
  CreateStageCommand,
  GetStageCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { ApiList, DeploymentList, Stage } from '@gateway-console/contract';
import { type RunningConsole, signIn } from '../console.ts';
import { type Figure, measured } from '../report.ts';
import { percentile } from '../stats.ts';

const csrf = { 'X-Requested-With': 'gateway-console' };
const aws = (endpoint: string) => ({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The judge's wait for CloudWatch to finish a minute (apps/bff/src/rollouts/judge.ts). */
const PUBLISH_DELAY_S = 120;
/** How often the runner judges a running step (apps/bff/src/rollouts/runner.ts). */
const EVALUATE_EVERY_S = 30;

/** The five series the judge reads of one side of a stage, as one GetMetricData would ask. */
function judgedQueries(apiName: string, stage: string): MetricDataQuery[] {
  const metrics = [
    ['requests', 'Count', 'Sum'],
    ['errors5xx', '5XXError', 'Sum'],
    ['errors4xx', '4XXError', 'Sum'],
    ['latencyAvg', 'Latency', 'Average'],
    ['latencyP99', 'Latency', 'p99'],
  ] as const;
  return (['base', 'canary'] as const).flatMap((variant) =>
    metrics.map(([id, metricName, stat]) => ({
      Id: `${variant}_${id}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApiGateway',
          MetricName: metricName,
          Dimensions: [
            { Name: 'ApiName', Value: apiName },
            { Name: 'Stage', Value: variant === 'canary' ? `${stage}/Canary` : stage },
          ],
        },
        Period: 60,
        Stat: stat,
      },
    })),
  );
}

/**
 * A failing canary left to a rollout: from the moment CloudWatch first shows one of the canary's 5XX
 * errors to the moment AWS shows the stage without its canary, with no person involved. Also what one
 * evaluation of the judge costs (GET …/canary/verdict: one GetMetricData and the statistics), against a
 * bare GetMetricData of the same series.
 */
export async function canaryRollback(app: RunningConsole): Promise<Figure[]> {
  const headers = { ...(await signIn(app, 'operator')), ...csrf, Origin: app.url };
  const bff = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${app.url}/api${path}`, {
      ...init,
      headers: { ...headers, 'Content-Type': 'application/json', ...init.headers },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const gateway = new APIGatewayClient(aws(app.emulatorUrl));
  const cloudWatch = new CloudWatchClient(aws(app.emulatorUrl));

  // Its own stage of PetStore: the oldest deployment as base, the newest (the failing upstream) as canary.
  const apiName = 'PetStore';
  const apis = await bff<ApiList>('/apis');
  const apiId = apis.items.find((api) => api.name === apiName)!.id;
  const deployments = [...(await bff<DeploymentList>(`/apis/${apiId}/deployments`)).items].sort((a, b) =>
    a.createdDate.localeCompare(b.createdDate),
  );
  const stage = `bench-rollback-${Date.now().toString(36)}`;
  await gateway.send(
    new CreateStageCommand({
      restApiId: apiId,
      stageName: stage,
      deploymentId: deployments[0]!.id,
      variables: { version: 'v1' },
      canarySettings: {
        percentTraffic: 50,
        deploymentId: deployments.at(-1)!.id,
        stageVariableOverrides: { version: 'v2' },
      },
    }),
  );

  // For comparison, a person's rollback as a bare SDK call, on a stage of its own.
  const bareStage = `${stage}-bare`;
  await gateway.send(
    new CreateStageCommand({
      restApiId: apiId,
      stageName: bareStage,
      deploymentId: deployments[0]!.id,
      canarySettings: { percentTraffic: 50, deploymentId: deployments.at(-1)!.id },
    }),
  );
  const bareStarted = performance.now();
  await gateway.send(
    new UpdateStageCommand({
      restApiId: apiId,
      stageName: bareStage,
      patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0' }],
    }),
  );
  const bareMs = performance.now() - bareStarted;

  const { etag } = await bff<Stage>(`/apis/${apiId}/stages/${stage}`);
  await bff(`/apis/${apiId}/stages/${stage}/rollouts`, {
    method: 'POST',
    headers: { 'If-Match': etag },
    body: JSON.stringify({ steps: [{ percentTraffic: 50, bakeSeconds: 1_800 }], onFailure: 'rollback' }),
  });

  // Steady traffic (20 requests in flight) until AWS shows the canary gone; CloudWatch and the stage are
  // watched every 500 ms meanwhile (two GetStage a second, well inside the account's quota).
  const url = `${app.emulatorUrl}/_aws/execute-api/${apiId}/${stage}/pets`;
  let done = false;
  const traffic = Array.from({ length: 20 }, async () => {
    while (!done)
      await fetch(url).then(
        (r) => r.arrayBuffer(),
        () => undefined,
      );
  });
  const started = Date.now();
  let firstErrorSeen: number | undefined;
  let rolledBack: number | undefined;
  try {
    while (rolledBack === undefined) {
      if (Date.now() - started > 8 * 60_000)
        throw new Error('the rollout did not roll the canary back in 8 min');
      const now = Date.now();
      if (firstErrorSeen === undefined) {
        const output = await cloudWatch.send(
          new GetMetricDataCommand({
            MetricDataQueries: judgedQueries(apiName, stage).filter((q) => q.Id === 'canary_errors5xx'),
            StartTime: new Date(started - 120_000),
            EndTime: new Date(now + 60_000),
          }),
        );
        if ((output.MetricDataResults?.[0]?.Values ?? []).some((value) => value > 0)) firstErrorSeen = now;
      }
      const current = await gateway.send(new GetStageCommand({ restApiId: apiId, stageName: stage }));
      if (!current.canarySettings || current.canarySettings.percentTraffic === 0) rolledBack = Date.now();
      await sleep(500);
    }
  } finally {
    done = true;
    await Promise.all(traffic);
  }
  const firstError = firstErrorSeen ?? started;
  const rollbackS = (rolledBack - firstError) / 1000;
  // The earliest any judge that waits for CloudWatch to finish a minute could decide: the end of the
  // minute the first error fell in, plus the publishing delay.
  const earliestS = (Math.ceil(firstError / 60_000) * 60_000 + PUBLISH_DELAY_S * 1000 - firstError) / 1000;

  // The judge's cost per evaluation, against the one GetMetricData it is made of.
  const queries = judgedQueries(apiName, stage);
  const timed = async (work: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const began = performance.now();
      await work();
      samples.push(performance.now() - began);
    }
    return percentile(samples, 50);
  };
  const end = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
  const bareQueryMs = await timed(() =>
    cloudWatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(end - 13 * 60_000),
        EndTime: new Date(end),
      }),
    ),
  );
  // PetStore prod keeps its canary in the demo: its verdict is judged afresh on each request.
  const verdictMs = await timed(() => bff(`/apis/${apiId}/stages/prod/canary/verdict`));
  gateway.destroy();
  cloudWatch.destroy();

  return [
    measured({
      figure: 'Failing canary → canary at 0 % (rollout, no person)',
      unit: 's',
      value: rollbackS,
      baseline: { label: 'earliest decision CloudWatch allows', value: earliestS },
      // CloudWatch's publishing delay the judge waits out, one more minute to complete, one evaluation.
      target: { atMost: PUBLISH_DELAY_S + 60 + EVALUATE_EVERY_S },
      note: `from the first canary 5XX readable in CloudWatch to AWS showing no canary (a bare UpdateStage takes ${bareMs.toFixed(0)} ms); the judge waits ${PUBLISH_DELAY_S} s for CloudWatch to finish a minute and judges every ${EVALUATE_EVERY_S} s`,
    }),
    measured({
      figure: 'Canary judge: one evaluation (GET …/canary/verdict) p50',
      unit: 'ms',
      value: verdictMs,
      baseline: { label: 'its one bare GetMetricData', value: bareQueryMs },
      target: { atMost: 100 },
    }),
  ];
}
