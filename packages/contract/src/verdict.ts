import { z } from 'zod';

export const JudgedMetric = z.enum(['5xx-rate', '4xx-rate', 'latency-avg', 'latency-p99']);

/** One gate of the canary judge, with every number behind it. */
export const VerdictCheck = z.object({
  metric: JudgedMetric,
  /** Error rates as fractions (0.01 = 1 %); latencies as the median minute in ms. */
  canary: z.number(),
  base: z.number(),
  /** One-sided p-value (Fisher's exact test for rates, Mann-Whitney U for latencies). */
  pValue: z.number().optional(),
  /** Fails only at or above this ratio to the base, and with pValue below alpha. */
  threshold: z.number(),
  alpha: z.number(),
  passed: z.boolean(),
});

/** What the canary judge can say. */
export const VerdictKind = z.enum(['healthy', 'failing', 'inconclusive']);

/** GET …/stages/:stage/canary/verdict: the canary judge now. */
export const CanaryVerdict = z.object({
  verdict: VerdictKind,
  window: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
  checks: z.array(VerdictCheck),
  canaryRequests: z.number().int(),
  baseRequests: z.number().int(),
  minRequests: z.number().int(),
  reason: z.string(),
});
export type CanaryVerdict = z.infer<typeof CanaryVerdict>;

/** GET /apis/:apiId/canary/verdicts: the judge on every stage of the API that has a canary, from one GetMetricData. */
export const StageVerdicts = z.object({
  verdicts: z.array(z.object({ stage: z.string(), verdict: CanaryVerdict })),
});
export type StageVerdicts = z.infer<typeof StageVerdicts>;

/**
 * POST …/canary/promote. Promoting a canary the judge calls failing needs a reason, typed by the person
 * who overrides the judge; it is kept in the audit log.
 */
export const PromoteCanaryRequest = z.strictObject({
  reason: z.string().trim().min(3, 'Say why you promote anyway (at least 3 characters)').max(500).optional(),
});
export type PromoteCanaryRequest = z.infer<typeof PromoteCanaryRequest>;
