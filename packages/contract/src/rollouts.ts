import { z } from 'zod';
import { CanaryVerdict, JudgedMetric } from './verdict.ts';

/** The judge's defaults, which a rollout's gates start from (the calibration of apps/bff/src/rollouts/judge.test.ts). */
export const defaultGates = {
  metrics: ['5xx-rate', '4xx-rate', 'latency-avg', 'latency-p99'] as z.infer<typeof JudgedMetric>[],
  confidence: 0.95,
  minRequests: 700,
  maxErrorRatio: 1.5,
  maxLatencyRatio: 1.5,
};

/** What decides whether a step passed: the judge's checks, thresholds, confidence and minimum sample. */
export const RolloutGates = z.strictObject({
  metrics: z.array(JudgedMetric).min(1).max(4).default(defaultGates.metrics),
  confidence: z.number().min(0.5).max(0.999).default(defaultGates.confidence),
  minRequests: z.number().int().min(1).max(1_000_000).default(defaultGates.minRequests),
  maxErrorRatio: z.number().min(1).max(100).default(defaultGates.maxErrorRatio),
  maxLatencyRatio: z.number().min(1).max(100).default(defaultGates.maxLatencyRatio),
});
export type RolloutGates = z.infer<typeof RolloutGates>;

export const RolloutStep = z.strictObject({
  percentTraffic: z.number().min(0.1).max(100),
  bakeSeconds: z
    .number()
    .int()
    .min(60, 'A step bakes at least a minute: CloudWatch publishes per minute')
    .max(86_400),
});
export type RolloutStep = z.infer<typeof RolloutStep>;

export const rolloutTemplateNames = [
  'Canary10Percent5Minutes',
  'Linear10PercentEvery1Minute',
  'Careful5To100',
] as const;
export const RolloutTemplate = z.enum(rolloutTemplateNames);
export type RolloutTemplate = z.infer<typeof RolloutTemplate>;

/** Plans an AWS user knows from CodeDeploy, and a careful one; after the last step the canary is promoted. */
export const rolloutTemplates: Record<RolloutTemplate, { label: string; steps: RolloutStep[] }> = {
  Canary10Percent5Minutes: {
    label: 'Canary 10 % for 5 minutes, then all',
    steps: [{ percentTraffic: 10, bakeSeconds: 300 }],
  },
  Linear10PercentEvery1Minute: {
    label: 'Linear: 10 % more every minute',
    steps: Array.from({ length: 9 }, (_, i) => ({ percentTraffic: (i + 1) * 10, bakeSeconds: 60 })),
  },
  Careful5To100: {
    label: 'Careful: 5 → 10 → 25 → 50 → 100 %, 5 minutes each',
    steps: [5, 10, 25, 50, 100].map((percentTraffic) => ({ percentTraffic, bakeSeconds: 300 })),
  },
};

const isAscending = (steps: RolloutStep[]) =>
  steps.every((step, i) => i === 0 || step.percentTraffic >= steps[i - 1]!.percentTraffic);

/** POST …/stages/:stage/rollouts: a template or custom steps, with the stage's ETag as If-Match. */
export const StartRolloutRequest = z
  .strictObject({
    template: RolloutTemplate.optional(),
    steps: z
      .array(RolloutStep)
      .min(1)
      .max(20)
      .refine(isAscending, 'Steps must not lower the traffic')
      .optional(),
    gates: RolloutGates.optional(),
    onFailure: z.enum(['rollback', 'pause']).default('rollback'),
    onSuccess: z.enum(['promote', 'wait']).default('promote'),
    /** Each event of the rollout POSTed as JSON, signed (X-Gateway-Console-Signature: sha256=HMAC of the body). */
    webhook: z
      .strictObject({
        url: z.url({ protocol: /^https?$/ }),
        secret: z.string().min(16, 'At least 16 characters').max(200),
      })
      .optional(),
    /** Start from a deployment instead of the stage's current canary (the stage must have none). */
    deploymentId: z
      .string()
      .regex(/^[A-Za-z0-9]{1,64}$/)
      .optional(),
  })
  .refine((r) => (r.template === undefined) !== (r.steps === undefined), {
    message: 'Give either a template or steps',
    path: ['steps'],
  });
export type StartRolloutRequest = z.input<typeof StartRolloutRequest>;

export const RolloutState = z.enum(['running', 'paused', 'waiting', 'promoted', 'rolled_back', 'aborted']);
export type RolloutState = z.infer<typeof RolloutState>;

export const rolloutEventKinds = [
  'started',
  'step',
  'verdict',
  'paused',
  'resumed',
  'skipped',
  'waiting',
  'approved',
  'promoted',
  'rolled_back',
  'aborted',
  'failed',
] as const;
export const RolloutEvent = z.object({
  time: z.iso.datetime(),
  kind: z.enum(rolloutEventKinds),
  actor: z.string(),
  step: z.number().int(),
  detail: z.string(),
  verdict: CanaryVerdict.optional(),
});
export type RolloutEvent = z.infer<typeof RolloutEvent>;

/** GET /api/rollouts/:id (ETag = its version, If-Match for the controls). */
export const Rollout = z.object({
  id: z.string(),
  apiId: z.string(),
  stage: z.string(),
  state: RolloutState,
  /** The index of the current step (0-based); steps before it have passed. */
  step: z.number().int(),
  steps: z.array(RolloutStep),
  gates: RolloutGates,
  onFailure: z.enum(['rollback', 'pause']),
  onSuccess: z.enum(['promote', 'wait']),
  template: RolloutTemplate.nullable(),
  startedBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** When the current step's traffic was applied; null before. */
  stepStartedAt: z.iso.datetime().nullable(),
  /** Bake time left in the current step, in seconds (frozen while paused). */
  bakeSecondsLeft: z.number().nullable(),
  /** Why the rollout is paused, waiting or ended. */
  reason: z.string().nullable(),
  /** The percentage of canary traffic the rollout last applied. */
  appliedPercent: z.number().nullable(),
  lastVerdict: CanaryVerdict.nullable(),
  /** Where events are sent (the secret is never shown). */
  webhookUrl: z.string().nullable(),
  version: z.number().int(),
  events: z.array(RolloutEvent),
});
export type Rollout = z.infer<typeof Rollout>;

export const RolloutList = z.object({ items: z.array(Rollout) });
export type RolloutList = z.infer<typeof RolloutList>;

export const rolloutControls = ['pause', 'resume', 'abort', 'approve', 'skip'] as const;
export type RolloutControl = (typeof rolloutControls)[number];
