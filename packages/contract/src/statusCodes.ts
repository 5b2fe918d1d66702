import { z } from 'zod';
import { MetricRange } from './metrics.ts';

// Error codes from access logs: a stage's access logging to CloudWatch Logs, its requests counted by
// status (base and canary apart) with Logs Insights, and its recent requests.

/** A stage's access logging as AWS holds it; null on a stage when it is off. */
export const AccessLog = z.object({
  destinationArn: z.string(),
  /** The log group the ARN names, or null when it names something else. */
  logGroupName: z.string().nullable(),
  format: z.string(),
});
export type AccessLog = z.infer<typeof AccessLog>;

/**
 * The format the console recommends: JSON, one field per `$context` variable an operator reads errors
 * by — the status, whether the canary served it, and API Gateway's own error type and message.
 */
export const RECOMMENDED_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  errorType: '$context.error.responseType',
  errorMessage: '$context.error.message',
  isCanaryRequest: '$context.isCanaryRequest',
  stage: '$context.stage',
  sourceIp: '$context.identity.sourceIp',
})
  // Always numbers, so Logs Insights and filter patterns compare them as numbers.
  .replace('"$context.status"', '$context.status')
  .replace('"$context.responseLatency"', '$context.responseLatency');

/**
 * What access logs cost, for the "turn it on" hint: CloudWatch Logs list prices in us-east-1 (USD;
 * unverified for other regions) and the size of one line in the recommended format.
 */
export const ACCESS_LOG_COST = {
  bytesPerRequest: 420,
  usdPerGbIngested: 0.5,
  usdPerGbMonthStored: 0.03,
  usdPerGbScanned: 0.005,
  retentionDays: 30,
} as const;

export const PutAccessLogRequest = z.strictObject({
  enabled: z.boolean(),
  /** Only with `enabled`; defaults to the recommended format. API Gateway requires `$context.requestId`. */
  format: z
    .string()
    .min(1)
    .max(10_000)
    .refine((format) => /\$context\.(requestId|extendedRequestId)\b/.test(format), {
      message: 'The format must contain $context.requestId or $context.extendedRequestId',
    })
    .optional(),
});
export type PutAccessLogRequest = z.infer<typeof PutAccessLogRequest>;

export const RequestSide = z.enum(['base', 'canary']);
export type RequestSide = z.infer<typeof RequestSide>;

export const StatusCodesQuery = z.strictObject({ range: MetricRange.default('1h') });
export type StatusCodesQuery = z.infer<typeof StatusCodesQuery>;

/** Why a stage's access logs cannot be counted, or that they can. */
export const AccessLogState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  /** On, but the format is not JSON with a `$context.status` field: Logs Insights cannot count it. */
  z.object({ state: z.literal('unreadable'), logGroupName: z.string().nullable(), reason: z.string() }),
  z.object({
    state: z.literal('on'),
    logGroupName: z.string(),
    /** False when the format has no `$context.isCanaryRequest`: every request counts as base. */
    canaryApart: z.boolean(),
  }),
]);
export type AccessLogState = z.infer<typeof AccessLogState>;

export const StatusCodeSeries = z.object({
  status: z.number().int(),
  side: RequestSide,
  /** One point per period of the range, zeros included, oldest first. */
  points: z.array(z.object({ t: z.string(), count: z.number().int() })),
  total: z.number().int(),
});
export type StatusCodeSeries = z.infer<typeof StatusCodeSeries>;

export const StatusCodesResponse = z.object({
  apiId: z.string(),
  /** Null for the whole API: every stage that has access logs, in one query over their log groups. */
  stage: z.string().nullable(),
  range: MetricRange,
  /** Seconds per point, the same periods as the metrics of this range. */
  period: z.number().int(),
  start: z.string(),
  end: z.string(),
  accessLog: AccessLogState,
  /** One series per status and side that had requests in the range. */
  series: z.array(StatusCodeSeries),
  warnings: z.array(z.string()),
});
export type StatusCodesResponse = z.infer<typeof StatusCodesResponse>;

/** A status (`429`) or a family (`4xx`, `5xx`); by default the requests that failed (4xx and 5xx). */
export const StatusFilter = z.union([
  z.enum(['4xx', '5xx', 'failed']),
  z.coerce.number().int().min(100).max(599),
]);
export type StatusFilter = z.infer<typeof StatusFilter>;

export const RequestsQuery = z.strictObject({
  range: MetricRange.default('1h'),
  status: StatusFilter.default('failed'),
  /** A request path or resource path to look for (`/pets/7`, `/pets/{petId}`). */
  path: z
    .string()
    .max(256)
    .regex(/^\/[A-Za-z0-9._~\-{}+/]*$/, 'Use a path such as /pets or /pets/{petId}')
    .optional(),
  side: RequestSide.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RequestsQuery = z.infer<typeof RequestsQuery>;

export const LoggedRequest = z.object({
  requestId: z.string(),
  time: z.string(),
  method: z.string(),
  path: z.string(),
  resourcePath: z.string().nullable(),
  status: z.number().int(),
  latencyMs: z.number().nullable(),
  integrationLatencyMs: z.number().nullable(),
  /** API Gateway's gateway response type (`THROTTLED`, `INTEGRATION_TIMEOUT`…), null when the backend answered. */
  errorType: z.string().nullable(),
  errorMessage: z.string().nullable(),
  side: RequestSide,
});
export type LoggedRequest = z.infer<typeof LoggedRequest>;

export const RequestsResponse = z.object({
  accessLog: AccessLogState,
  /** Newest first. */
  items: z.array(LoggedRequest),
  /** True when more requests matched than were returned. */
  more: z.boolean(),
});
export type RequestsResponse = z.infer<typeof RequestsResponse>;
