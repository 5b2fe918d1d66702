import type { ApiHealth, CanaryVerdict } from '@gateway-console/contract';
import type { MetricsWindow } from '../aws/metrics.ts';
import type { Deps } from '../context.ts';
import { defaultJudgeSettings, type Judgement, type JudgeSettings, judgeCanary } from './judge.ts';

/** The minutes the verdict views judge: the last ten that CloudWatch has finished publishing. */
export const VERDICT_WINDOW_MINUTES = 10;

/** A verdict in the contract's shape. */
export function verdictBody(judgement: Judgement, settings: JudgeSettings): CanaryVerdict {
  return {
    ...judgement,
    window: { start: judgement.window.start.toISOString(), end: judgement.window.end.toISOString() },
    minRequests: settings.minRequests,
  };
}

/** The start of the minutes a verdict view judges at `now`: the verdict window and the publishing delay. */
function verdictWindowStart(now: Date, settings: JudgeSettings): number {
  const endMinute = Math.floor(now.getTime() / 60_000) * 60;
  return endMinute - (VERDICT_WINDOW_MINUTES + Math.ceil(settings.publishDelaySeconds / 60)) * 60;
}

/**
 * Judges the canaries of several stages of one API from exactly one GetMetricData call: the minutes from
 * `since` (at most `maxMinutes` back, default the verdict window) up to `now`.
 */
export async function judgeStages(
  deps: Pick<Deps, 'metrics'>,
  apiName: string,
  stages: string[],
  now: Date,
  settings: JudgeSettings,
  since?: Date,
): Promise<Map<string, CanaryVerdict>> {
  const endMinute = Math.floor(now.getTime() / 60_000) * 60;
  const start = since ? Math.floor(since.getTime() / 60_000) * 60 : verdictWindowStart(now, settings);
  const window: MetricsWindow = { start: Math.min(start, endMinute), end: endMinute + 60, periodSeconds: 60 };
  const minutes = await deps.metrics.judgedMinutes(apiName, stages, window);
  return new Map(
    minutes.map((m) => [m.stage, verdictBody(judgeCanary(m.canary, m.base, now, settings), settings)]),
  );
}

/**
 * The most canary stages one APIs-list request judges: ten queries each, inside GetMetricData's 500 with
 * the health queries. A canary past it shows no verdict there (its API page judges every stage).
 */
export const MAX_LISTED_CANARIES = 40;

/**
 * The APIs list's health of each API and verdict of each canary (keyed `api/stage`, the judge's defaults,
 * the verdict views' window), from exactly one GetMetricData call.
 */
export async function healthAndVerdicts(
  deps: Pick<Deps, 'metrics'>,
  apis: { name: string; canaryStages: string[] }[],
  now: Date,
): Promise<{ health: Map<string, ApiHealth>; verdicts: Map<string, CanaryVerdict['verdict']> }> {
  // Each API's first canary before any API's second, so a row with many canaries cannot crowd out the rest.
  const canaries = apis
    .flatMap((api) => api.canaryStages.map((stage, rank) => ({ apiName: api.name, stage, rank })))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_LISTED_CANARIES)
    .map(({ apiName, stage }) => ({ apiName, stage }));
  const read = await deps.metrics.apisHealth(
    apis.map((api) => api.name),
    now,
    canaries,
  );
  const from = verdictWindowStart(now, defaultJudgeSettings) * 1000;
  const inWindow = <T extends { t: Date }>(minutes: T[]) => minutes.filter((m) => m.t.getTime() >= from);
  const verdicts = new Map(
    read.canaries.map((m) => [
      `${m.apiName}/${m.stage}`,
      judgeCanary(inWindow(m.canary), inWindow(m.base), now, defaultJudgeSettings).verdict,
    ]),
  );
  return { health: read.health, verdicts };
}
