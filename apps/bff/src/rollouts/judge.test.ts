import binomial from '@stdlib/random-base-binomial';
import normal from '@stdlib/random-base-normal';
import { describe, expect, it } from 'vitest';
import {
  defaultJudgeSettings,
  fisherGreater,
  judgeCanary,
  type MinuteSample,
  mannWhitneyGreater,
} from './judge.ts';

const NOW = new Date('2026-12-02T12:00:00Z');
const WINDOW_MINUTES = 10;

interface Side {
  requestsPerMinute: number;
  rate5xx: number;
  rate4xx: number;
  latencyMs: number;
}

/** A seeded simulation of one side over the window: binomial errors, noisy per-minute latencies. */
function simulator(seed: number) {
  const draw = binomial.factory({ seed });
  const noise = normal.factory({ seed: seed + 1 });
  return (side: Side): MinuteSample[] => {
    const firstMinute = NOW.getTime() - (defaultJudgeSettings.publishDelaySeconds + 60) * 1000;
    return Array.from({ length: WINDOW_MINUTES }, (_, i) => {
      const latencyAvg = side.latencyMs * (1 + 0.1 * noise(0, 1));
      return {
        t: new Date(firstMinute - (WINDOW_MINUTES - 1 - i) * 60_000),
        requests: side.requestsPerMinute,
        errors5xx: draw(side.requestsPerMinute, side.rate5xx),
        errors4xx: draw(side.requestsPerMinute, side.rate4xx),
        latencyAvg,
        latencyP99: latencyAvg * (3 + 0.3 * noise(0, 1)),
      };
    });
  };
}

/** How often each verdict comes out of `runs` simulated windows. */
function verdicts(runs: number, base: Side, canary: Side) {
  const tally = { healthy: 0, failing: 0, inconclusive: 0 };
  for (let run = 0; run < runs; run++) {
    const simulate = simulator(1000 + run * 7);
    const judgement = judgeCanary(simulate(canary), simulate(base), NOW);
    tally[judgement.verdict]++;
  }
  console.info(`[judge] ${runs} windows, canary ${JSON.stringify(canary)}: ${JSON.stringify(tally)}`);
  return tally;
}

// The base takes 90 % of the traffic; at the minimum sample the canary has 500 requests in the window.
const minimumCanaryPerMinute = defaultJudgeSettings.minRequests / WINDOW_MINUTES;
const base: Side = {
  requestsPerMinute: 9 * minimumCanaryPerMinute,
  rate5xx: 0.01,
  rate4xx: 0.03,
  latencyMs: 80,
};

describe('the canary judge is calibrated (1,000 seeded windows each)', () => {
  it('A/A: an identical canary is called failing in at most 5 % of windows', () => {
    const tally = verdicts(1000, base, { ...base, requestsPerMinute: minimumCanaryPerMinute });
    expect(tally.inconclusive).toBe(0);
    expect(tally.failing / 1000).toBeLessThanOrEqual(0.05);
  });

  it('a canary at 3× the base’s 5XX rate, at the minimum sample, is called failing in at least 90 %', () => {
    const tally = verdicts(1000, base, { ...base, requestsPerMinute: minimumCanaryPerMinute, rate5xx: 0.03 });
    expect(tally.failing / 1000).toBeGreaterThanOrEqual(0.9);
  });

  it('below the minimum sample it is inconclusive, never healthy, however the canary does', () => {
    const short = { ...base, requestsPerMinute: minimumCanaryPerMinute - 1 };
    for (const canary of [short, { ...short, rate5xx: 0.2 }, { ...short, rate5xx: 0 }]) {
      expect(verdicts(200, base, canary)).toEqual({ healthy: 0, failing: 0, inconclusive: 200 });
    }
  });

  it('a canary twice as slow fails on latency; one 10 % slower does not', () => {
    const canary = { ...base, requestsPerMinute: minimumCanaryPerMinute };
    expect(verdicts(200, base, { ...canary, latencyMs: 160 }).failing).toBeGreaterThanOrEqual(190);
    expect(verdicts(200, base, { ...canary, latencyMs: 88 }).failing).toBeLessThanOrEqual(10);
  });
});

describe('what the judge reads', () => {
  const simulate = simulator(42);
  const canary = simulate({ ...base, requestsPerMinute: minimumCanaryPerMinute });
  const baseline = simulate(base);

  it('minutes CloudWatch may still be publishing are not judged, and missing minutes are not healthy', () => {
    const judgement = judgeCanary(canary, baseline, NOW);
    expect(judgement.window.end.getTime()).toBeLessThanOrEqual(
      NOW.getTime() - defaultJudgeSettings.publishDelaySeconds * 1000,
    );
    // The same minutes seen a minute earlier: the newest is now too young, so fewer requests are judged.
    const earlier = judgeCanary(canary, baseline, new Date(NOW.getTime() - 60_000));
    expect(earlier.canaryRequests).toBe(judgement.canaryRequests - minimumCanaryPerMinute);
    expect(earlier.verdict).toBe('inconclusive');
    // Nothing reported at all: no verdict but inconclusive.
    expect(judgeCanary([], [], NOW).verdict).toBe('inconclusive');
  });

  it('gives every number behind the verdict', () => {
    const judgement = judgeCanary(canary, baseline, NOW);
    expect(judgement.checks.map((c) => c.metric)).toEqual(defaultJudgeSettings.metrics);
    for (const check of judgement.checks) {
      expect(check.alpha).toBeCloseTo(0.05 / 4, 12);
      expect(check.threshold).toBe(1.5);
      expect(check.pValue).toBeGreaterThanOrEqual(0);
      expect(check.pValue).toBeLessThanOrEqual(1);
    }
    expect(judgement.canaryRequests).toBe(defaultJudgeSettings.minRequests);
  });
});

describe('the tests underneath', () => {
  it('Fisher’s exact test matches a hand-computed hypergeometric tail', () => {
    // 3 of 10 canary requests failed, 0 of 10 base: P = C(10,3)·C(10,0)/C(20,3) = 120/1140.
    expect(fisherGreater(3, 10, 0, 10)).toBeCloseTo(120 / 1140, 10);
    expect(fisherGreater(0, 10, 5, 10)).toBe(1);
  });

  it('Mann-Whitney: clearly greater samples give a small p, identical ones about a half', () => {
    expect(mannWhitneyGreater([10, 11, 12, 13, 14], [1, 2, 3, 4, 5])).toBeLessThan(0.01);
    expect(mannWhitneyGreater([1, 2, 3], [1, 2, 3])).toBeGreaterThan(0.4);
  });
});
