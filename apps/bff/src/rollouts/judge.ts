import { defaultGates } from '@gateway-console/contract';
import hypergeometricCdf from '@stdlib/stats-base-dists-hypergeometric-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import ranks from '@stdlib/stats-ranks';

/** One minute of one side (base or canary) as CloudWatch reports it. */
export interface MinuteSample {
  /** Start of the minute. */
  t: Date;
  requests: number;
  errors5xx: number;
  errors4xx: number;
  /** Average and p99 latency of the minute in ms; undefined when the minute had no request. */
  latencyAvg?: number;
  latencyP99?: number;
}

export type Metric = '5xx-rate' | '4xx-rate' | 'latency-avg' | 'latency-p99';

/** What a team may change per rollout; {@link defaultJudgeSettings} otherwise. */
export interface JudgeSettings {
  /** Which checks gate the verdict. */
  metrics: Metric[];
  /** Family-wise confidence: the chance of calling an A/A canary failing stays below 1 − confidence. */
  confidence: number;
  /** Requests each side needs in the window before any verdict but `inconclusive`. */
  minRequests: number;
  /** An error rate fails only when it is also at least this many times the base's (practical significance). */
  maxErrorRatio: number;
  /** A latency fails only when the canary's median minute is at least this many times the base's. */
  maxLatencyRatio: number;
  /** Minutes younger than this may still be incomplete in CloudWatch, so they are not judged. */
  publishDelaySeconds: number;
}

// The numbers live in the contract (a rollout's gates start from them); their calibration is judge.test.ts:
// with the base at 1 % 5XX, 700 canary requests find a 3× canary with ≥ 90 % power at the Bonferroni level
// of four checks.
export const defaultJudgeSettings: JudgeSettings = {
  ...defaultGates,
  publishDelaySeconds: 120,
};

export interface Check {
  metric: Metric;
  canary: number;
  base: number;
  /** One-sided: the chance of a canary at least this much worse if it were no worse than the base. */
  pValue?: number;
  /** The ratio to the base at which this check fails (with significance). */
  threshold: number;
  /** The p-value the check must go below to fail (the confidence split over the checks). */
  alpha: number;
  passed: boolean;
}

export type Verdict = 'healthy' | 'failing' | 'inconclusive';

export interface Judgement {
  verdict: Verdict;
  /** The complete minutes judged. */
  window: { start: Date; end: Date };
  canaryRequests: number;
  baseRequests: number;
  checks: Check[];
  /** Why the verdict is what it is, in an operator's words. */
  reason: string;
}

/**
 * Judges the canary against the base over the complete minutes of the window.
 *
 * Error rates: Fisher's exact test, one-sided. A canary's errors given the total errors of both sides are
 * hypergeometric, so the p-value is exact however small the counts — a low-traffic canary with 3 errors in
 * 40 requests is judged as soundly as a busy one, where a normal approximation (two-proportion z-test)
 * would be wrong exactly when counts are small. Latency: Mann-Whitney U, one-sided, over per-minute values
 * (averages, p99s): those are few and skewed, so a rank test that assumes no distribution fits; normal
 * approximation with tie and continuity corrections. The confidence is split over the checks (Bonferroni),
 * and a check fails only when the difference is also large enough to matter.
 */
export function judgeCanary(
  canary: MinuteSample[],
  base: MinuteSample[],
  now: Date,
  settings: JudgeSettings = defaultJudgeSettings,
): Judgement {
  const completeBefore = now.getTime() - settings.publishDelaySeconds * 1000 - 60_000;
  const complete = (samples: MinuteSample[]) => samples.filter((s) => s.t.getTime() <= completeBefore);
  const c = complete(canary);
  const b = complete(base);
  const times = [...c, ...b].map((s) => s.t.getTime());
  const window = {
    start: new Date(times.length ? Math.min(...times) : completeBefore),
    end: new Date(times.length ? Math.max(...times) + 60_000 : completeBefore),
  };
  const sum = (samples: MinuteSample[], key: 'requests' | 'errors5xx' | 'errors4xx') =>
    samples.reduce((total, s) => total + s[key], 0);
  const canaryRequests = sum(c, 'requests');
  const baseRequests = sum(b, 'requests');
  const alpha = (1 - settings.confidence) / Math.max(1, settings.metrics.length);

  const checks = settings.metrics.map((metric): Check => {
    if (metric === '5xx-rate' || metric === '4xx-rate') {
      const key = metric === '5xx-rate' ? 'errors5xx' : 'errors4xx';
      return errorRateCheck(metric, sum(c, key), canaryRequests, sum(b, key), baseRequests, alpha, settings);
    }
    const key = metric === 'latency-avg' ? 'latencyAvg' : 'latencyP99';
    const values = (samples: MinuteSample[]) =>
      samples.flatMap((s) => (s.requests > 0 && s[key] !== undefined ? [s[key]] : []));
    return latencyCheck(metric, values(c), values(b), alpha, settings);
  });

  const short = Math.min(canaryRequests, baseRequests) < settings.minRequests;
  if (short) {
    return {
      verdict: 'inconclusive',
      window,
      canaryRequests,
      baseRequests,
      checks,
      reason: `Not enough traffic yet: ${canaryRequests} canary and ${baseRequests} base requests in complete minutes; each side needs ${settings.minRequests}.`,
    };
  }
  const failed = checks.filter((check) => !check.passed);
  return {
    verdict: failed.length ? 'failing' : 'healthy',
    window,
    canaryRequests,
    baseRequests,
    checks,
    reason: failed.length
      ? `The canary is worse than the base on ${failed.map((f) => f.metric).join(', ')}.`
      : 'The canary is no worse than the base on any check.',
  };
}

function errorRateCheck(
  metric: Metric,
  canaryErrors: number,
  canaryRequests: number,
  baseErrors: number,
  baseRequests: number,
  alpha: number,
  settings: JudgeSettings,
): Check {
  const canaryRate = canaryRequests ? canaryErrors / canaryRequests : 0;
  const baseRate = baseRequests ? baseErrors / baseRequests : 0;
  const pValue = fisherGreater(canaryErrors, canaryRequests, baseErrors, baseRequests);
  const worseEnough = canaryRate > baseRate * settings.maxErrorRatio;
  return {
    metric,
    canary: canaryRate,
    base: baseRate,
    pValue,
    threshold: settings.maxErrorRatio,
    alpha,
    passed: !(pValue < alpha && worseEnough),
  };
}

/** P(canary errors ≥ observed) under "both sides fail alike": the hypergeometric upper tail. */
export function fisherGreater(
  canaryErrors: number,
  canaryRequests: number,
  baseErrors: number,
  baseRequests: number,
): number {
  const total = canaryRequests + baseRequests;
  const errors = canaryErrors + baseErrors;
  if (total === 0 || errors === 0 || canaryErrors === 0) return 1;
  return Math.min(1, Math.max(0, 1 - hypergeometricCdf(canaryErrors - 1, total, errors, canaryRequests)));
}

function latencyCheck(
  metric: Metric,
  canary: number[],
  base: number[],
  alpha: number,
  settings: JudgeSettings,
): Check {
  const canaryMedian = median(canary);
  const baseMedian = median(base);
  const pValue = mannWhitneyGreater(canary, base);
  const worseEnough = baseMedian > 0 ? canaryMedian / baseMedian >= settings.maxLatencyRatio : false;
  return {
    metric,
    canary: canaryMedian,
    base: baseMedian,
    pValue,
    threshold: settings.maxLatencyRatio,
    alpha,
    passed: !(pValue < alpha && worseEnough),
  };
}

/** One-sided Mann-Whitney U (canary stochastically greater), normal approximation with tie correction. */
export function mannWhitneyGreater(canary: number[], base: number[]): number {
  const n1 = canary.length;
  const n2 = base.length;
  if (n1 === 0 || n2 === 0) return 1;
  const all = [...canary, ...base];
  const ranked = ranks(all) as number[];
  const rankSum = ranked.slice(0, n1).reduce((a, r) => a + r, 0);
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const tieCounts = new Map<number, number>();
  for (const v of all) tieCounts.set(v, (tieCounts.get(v) ?? 0) + 1);
  const ties = [...tieCounts.values()].reduce((a, t) => a + (t ** 3 - t), 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  if (variance <= 0) return 1;
  const z = (u - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
  return 1 - normalCdf(z, 0, 1);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
