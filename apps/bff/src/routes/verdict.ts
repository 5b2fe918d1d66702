import type { CanaryVerdict } from '@gateway-console/contract';
import { Hono } from 'hono';
import type { MetricsWindow } from '../aws/metrics.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { defaultJudgeSettings, judgeCanary, type MinuteSample } from '../rollouts/judge.ts';
import { stageOf } from './params.ts';

/** The minutes judged: the last ten that CloudWatch has finished publishing. */
const WINDOW_MINUTES = 10;

/** The canary judge: GET /apis/:apiId/stages/:stage/canary/verdict, one GetMetricData per evaluation. */
export const verdictRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get('/:apiId/stages/:stage/canary/verdict', async (c) => {
    const { apiId, stageName: stage } = stageOf(c);
    const [apis, current] = await Promise.all([
      deps.gateway.listApis('recent'),
      deps.gateway.getStage(apiId, stage, 'recent'),
    ]);
    const api = apis.find((candidate) => candidate.id === apiId);
    if (!api)
      throw new ProblemError(404, 'NOT_FOUND', 'API not found', `There is no REST API with id ${apiId}.`);
    if (!current.canary)
      throw new ProblemError(409, 'NO_CANARY', 'No canary to judge', `Stage ${stage} has no canary.`);
    const now = deps.clock?.() ?? new Date();
    const settings = defaultJudgeSettings;
    const endMinute = Math.floor(now.getTime() / 60_000) * 60;
    const window: MetricsWindow = {
      start: endMinute - (WINDOW_MINUTES + Math.ceil(settings.publishDelaySeconds / 60)) * 60,
      end: endMinute + 60,
      periodSeconds: 60,
    };
    const shaped = await deps.metrics.apiGatewayMetrics({ apiName: api.name, stage }, window);
    const side = (variant: 'base' | 'canary'): MinuteSample[] => {
      const values = (metric: string) =>
        shaped.series.find((s) => s.variant === variant && s.metric === metric)?.values ?? [];
      const [requests, errors5xx, errors4xx, latencyAvg, latencyP99] = [
        'requests',
        'errors5xx',
        'errors4xx',
        'latencyAvg',
        'latencyP99',
      ].map(values);
      // A minute CloudWatch has no datapoint for is left out: missing minutes are not healthy ones.
      return shaped.timestamps.flatMap((t, i) =>
        requests?.[i] == null
          ? []
          : [
              {
                t: new Date(t * 1000),
                requests: requests[i],
                errors5xx: errors5xx?.[i] ?? 0,
                errors4xx: errors4xx?.[i] ?? 0,
                latencyAvg: latencyAvg?.[i] ?? undefined,
                latencyP99: latencyP99?.[i] ?? undefined,
              },
            ],
      );
    };
    const judgement = judgeCanary(side('canary'), side('base'), now, settings);
    const body: CanaryVerdict = {
      ...judgement,
      window: { start: judgement.window.start.toISOString(), end: judgement.window.end.toISOString() },
      minRequests: settings.minRequests,
    };
    return c.json(body, 200, { 'Cache-Control': 'private, max-age=15' });
  });
