import type { CanaryVerdict } from '@gateway-console/contract';
import type { MetricsWindow } from '../aws/metrics.ts';
import type { Deps } from '../context.ts';
import { type Judgement, type JudgeSettings, judgeCanary } from './judge.ts';

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
  const lookback = (VERDICT_WINDOW_MINUTES + Math.ceil(settings.publishDelaySeconds / 60)) * 60;
  const start = since ? Math.floor(since.getTime() / 60_000) * 60 : endMinute - lookback;
  const window: MetricsWindow = { start: Math.min(start, endMinute), end: endMinute + 60, periodSeconds: 60 };
  const minutes = await deps.metrics.judgedMinutes(apiName, stages, window);
  return new Map(
    minutes.map((m) => [m.stage, verdictBody(judgeCanary(m.canary, m.base, now, settings), settings)]),
  );
}
