import { z } from 'zod';
import { cacheClusterSizes, roles, stageLimits } from './rules.ts';
import { AccessLog } from './statusCodes.ts';
import { VerdictKind } from './verdict.ts';

// ---------------------------------------------------------------- session

export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const SignInRequest = z.strictObject({
  // No control characters or unpaired surrogates: PostgreSQL cannot even look such a name up.
  username: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'Must not contain control characters'),
  password: z.string().min(1).max(1024),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const SessionInfo = z.object({
  username: z.string(),
  role: Role,
  /** Present (true) while the password is a temporary one: only changing it is allowed. */
  mustChangePassword: z.literal(true).optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

// ---------------------------------------------------------------- shared values

/** API Gateway stage names: letters, digits, `_` and `-`, at most 128 characters. */
export const StageName = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'Use only letters, digits, "_" and "-"')
  .max(128, 'At most 128 characters');

/** Identifiers API Gateway hands out (rest API, deployment, resource ids). */
export const AwsId = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'Not a valid id');

/** The eight cache cluster sizes API Gateway accepts, in GB. */
export const CacheClusterSize = z.enum(cacheClusterSizes);
export type CacheClusterSize = z.infer<typeof CacheClusterSize>;

export const EndpointType = z.enum(['EDGE', 'REGIONAL', 'PRIVATE']);
export type EndpointType = z.infer<typeof EndpointType>;

/**
 * AWS's rules for stage variables (CreateStage / UpdateStage / CreateDeployment `variables`): names are
 * letters, digits and `_`; values are letters, digits and `-._~:/?#&=,` (no spaces), never empty.
 */
export const StageVariableName = z
  .string()
  .min(1, 'A variable needs a name')
  .max(64, 'Variable names are at most 64 characters')
  .regex(/^[A-Za-z0-9_]+$/, 'Variable names use only letters, digits and "_"');

export const StageVariableValue = z
  .string()
  .min(1, 'A variable needs a value (remove it instead)')
  .max(512, 'Variable values are at most 512 characters')
  .regex(
    /^[A-Za-z0-9\-._~:/?#&=,]+$/,
    'Variable values use only letters, digits and - . _ ~ : / ? # & = , (no spaces)',
  );

export const StageVariables = z.record(StageVariableName, StageVariableValue);

export const PercentTraffic = z.number().min(0).max(100);

/** ISO 8601 timestamp. */
export const Timestamp = z.string();

// ---------------------------------------------------------------- APIs

export const ApiSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  endpointType: EndpointType,
  createdDate: Timestamp,
  apiKeySource: z.string().optional(),
  /** On one API's page; a list row gets it lazily from {@link ApiOverviewList} (no GetStages per API). */
  stageCount: z.number().int().optional(),
  tags: z.record(z.string(), z.string()),
});
export type ApiSummary = z.infer<typeof ApiSummary>;

export const ApiList = z.object({ items: z.array(ApiSummary) });
export type ApiList = z.infer<typeof ApiList>;

/** At most this many APIs per overview request: the rows a person is looking at. */
export const MAX_OVERVIEW_APIS = 25;

/** `GET /api/apis/overview?ids=a,b`: the ids of the rows on screen. */
export const ApiOverviewQuery = z.object({
  ids: z
    .string()
    .transform((ids) => [...new Set(ids.split(',').filter(Boolean))])
    .pipe(z.array(AwsId).min(1).max(MAX_OVERVIEW_APIS)),
});

/** How many minutes of traffic an APIs-list row's health sums, the one in progress included. */
export const HEALTH_WINDOW_MINUTES = 15;

/** An API's traffic over the last HEALTH_WINDOW_MINUTES minutes, every stage together. */
export const ApiHealth = z.object({
  requests: z.number().int().nonnegative(),
  errors5xx: z.number().int().nonnegative(),
});
export type ApiHealth = z.infer<typeof ApiHealth>;

/**
 * What a list row shows beyond GetRestApis: its stages and their canaries (one GetStages), and its
 * health (one GetMetricData for all the rows asked); `health` is absent when CloudWatch could not say.
 */
export const ApiOverview = z.object({
  apiId: z.string(),
  stageCount: z.number().int(),
  canaries: z.array(
    z.object({
      stage: z.string(),
      percentTraffic: PercentTraffic,
      /** The canary judge's verdict now (its defaults, the verdict window); absent when not judged. */
      verdict: VerdictKind.optional(),
    }),
  ),
  health: ApiHealth.optional(),
});
export type ApiOverview = z.infer<typeof ApiOverview>;
export const ApiOverviewList = z.object({ items: z.array(ApiOverview) });
export type ApiOverviewList = z.infer<typeof ApiOverviewList>;

export const AuthorizationType = z.enum(['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS']);

export const Method = z.object({
  httpMethod: z.string(),
  authorizationType: AuthorizationType,
  authorizerName: z.string().optional(),
  apiKeyRequired: z.boolean(),
  integration: z
    .object({
      type: z.string(),
      uri: z.string().optional(),
      httpMethod: z.string().optional(),
      timeoutInMillis: z.number().optional(),
    })
    .optional(),
});
export type Method = z.infer<typeof Method>;

export const Resource = z.object({ id: z.string(), path: z.string(), methods: z.array(Method) });
export type Resource = z.infer<typeof Resource>;

export const ApiDetail = ApiSummary.extend({ resources: z.array(Resource) });
export type ApiDetail = z.infer<typeof ApiDetail>;

// ---------------------------------------------------------------- stages

export const MethodSetting = z.object({
  cachingEnabled: z.boolean(),
  cacheTtlInSeconds: z.number().int(),
  cacheDataEncrypted: z.boolean(),
  throttlingRateLimit: z.number(),
  throttlingBurstLimit: z.number().int(),
  metricsEnabled: z.boolean(),
  loggingLevel: z.string(),
});
export type MethodSetting = z.infer<typeof MethodSetting>;

export const Canary = z.object({
  deploymentId: z.string(),
  percentTraffic: PercentTraffic,
  stageVariableOverrides: z.record(z.string(), z.string()),
  useStageCache: z.boolean(),
});
export type Canary = z.infer<typeof Canary>;

export const Stage = z.object({
  apiId: z.string(),
  name: z.string(),
  description: z.string(),
  deploymentId: z.string(),
  createdDate: Timestamp,
  lastUpdatedDate: Timestamp,
  variables: z.record(z.string(), z.string()),
  cacheClusterEnabled: z.boolean(),
  cacheClusterSize: CacheClusterSize.optional(),
  cacheClusterStatus: z.string().optional(),
  /** Keyed `*\/*` for the whole stage or `~1pets~1{id}/GET` for one method, as AWS returns them. */
  methodSettings: z.record(z.string(), MethodSetting),
  canary: Canary.nullable(),
  /** Access logging to CloudWatch Logs, null when off. */
  accessLog: AccessLog.nullable(),
  invokeUrl: z.string(),
  /** Opaque version of this state; send it back as If-Match. */
  etag: z.string(),
});
export type Stage = z.infer<typeof Stage>;

export const StageList = z.object({ items: z.array(Stage) });
export type StageList = z.infer<typeof StageList>;

export const CreateStageRequest = z.strictObject({
  name: StageName,
  deploymentId: AwsId,
  description: z.string().max(1024).optional(),
  variables: StageVariables.optional(),
  cacheClusterEnabled: z.boolean().optional(),
  cacheClusterSize: CacheClusterSize.optional(),
});
export type CreateStageRequest = z.infer<typeof CreateStageRequest>;

/** A method-settings key: `*\/*` for the stage, or `{resourcePath}/{HTTP method}` such as `/pets/{petId}/GET`. */
export const MethodSettingsKey = z
  .string()
  .regex(
    /^(\*\/\*|\/[A-Za-z0-9._\-{}+/]*\/(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY|\*))$/,
    'Use */* or /path/METHOD',
  );

const limited = ({ min, max, message }: { min: number; max: number; message: string }) =>
  z.number({ message }).min(min, { message }).max(max, { message });
/** A cache TTL in whole seconds, within API Gateway's range. */
export const CacheTtlSeconds = limited(stageLimits.cacheTtlSeconds).int({
  message: stageLimits.cacheTtlSeconds.message,
});
/** A steady-state rate limit, requests per second. */
export const ThrottlingRate = limited(stageLimits.throttlingRate);
/** A burst limit, whole requests. */
export const ThrottlingBurst = limited(stageLimits.throttlingBurst).int({
  message: stageLimits.throttlingBurst.message,
});

export const MethodSettingPatch = z.strictObject({
  cachingEnabled: z.boolean().optional(),
  cacheTtlInSeconds: CacheTtlSeconds.optional(),
  cacheDataEncrypted: z.boolean().optional(),
  throttlingRateLimit: ThrottlingRate.optional(),
  throttlingBurstLimit: ThrottlingBurst.optional(),
  metricsEnabled: z.boolean().optional(),
  loggingLevel: z.enum(['OFF', 'ERROR', 'INFO']).optional(),
});
export type MethodSettingPatch = z.infer<typeof MethodSettingPatch>;

export const UpdateStageRequest = z.strictObject({
  description: z.string().max(1024).optional(),
  /** A null value removes the variable. */
  variables: z.record(StageVariableName, StageVariableValue.nullable()).optional(),
  cacheClusterEnabled: z.boolean().optional(),
  cacheClusterSize: CacheClusterSize.optional(),
  methodSettings: z.record(MethodSettingsKey, MethodSettingPatch).optional(),
});
export type UpdateStageRequest = z.infer<typeof UpdateStageRequest>;

// ---------------------------------------------------------------- deployments

export const Deployment = z.object({
  id: z.string(),
  description: z.string(),
  createdDate: Timestamp,
});
export type Deployment = z.infer<typeof Deployment>;

export const DeploymentList = z.object({ items: z.array(Deployment) });
export type DeploymentList = z.infer<typeof DeploymentList>;

export const CreateDeploymentRequest = z
  .strictObject({
    // Required: it names the release in the history, and finds a deployment whose answer was lost.
    description: z
      .string()
      .max(1024, 'At most 1024 characters')
      .regex(/\S/, 'A deployment needs a description'),
    /** Deploy to this stage; with `canary`, the stage must exist and the deployment becomes its canary. */
    stageName: StageName.optional(),
    canary: z
      .strictObject({
        percentTraffic: PercentTraffic,
        stageVariableOverrides: StageVariables.optional(),
        useStageCache: z.boolean().optional(),
      })
      .optional(),
  })
  .refine((request) => !request.canary || request.stageName, {
    message: 'A canary deployment needs the stage it runs on',
    path: ['stageName'],
  });
export type CreateDeploymentRequest = z.infer<typeof CreateDeploymentRequest>;

// ---------------------------------------------------------------- canary

export const PutCanaryRequest = z.strictObject({
  percentTraffic: PercentTraffic,
  /** Required when no canary exists yet. */
  deploymentId: AwsId.optional(),
  /** Overrides to set; a null value removes that override of a running canary. */
  stageVariableOverrides: z.record(StageVariableName, StageVariableValue.nullable()).optional(),
  useStageCache: z.boolean().optional(),
});
export type PutCanaryRequest = z.infer<typeof PutCanaryRequest>;

export const StepResult = z.object({
  step: z.string(),
  /** `skipped`: nothing to do; `not done`: not reached because an earlier step failed. */
  status: z.enum(['done', 'failed', 'skipped', 'not done']),
  detail: z.string().optional(),
});
export type StepResult = z.infer<typeof StepResult>;

export const PromoteResult = z.object({ steps: z.array(StepResult), stage: Stage });
export type PromoteResult = z.infer<typeof PromoteResult>;

export const RollbackRequest = z.strictObject({ deploymentId: AwsId });
export type RollbackRequest = z.infer<typeof RollbackRequest>;

// ---------------------------------------------------------------- audit

/**
 * `pending`: written before AWS was asked and not finished yet; `interrupted`: the console stopped
 * during the change, and `after` is the state read back from AWS at its next start.
 */
export const AuditOutcome = z.enum(['success', 'failure', 'refused', 'pending', 'interrupted']);

export const AuditEvent = z.object({
  id: z.string(),
  time: Timestamp,
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  apiId: z.string().nullable(),
  stage: z.string().nullable(),
  target: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  outcome: AuditOutcome,
  requestId: z.string(),
  detail: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.strictObject({
  apiId: z.string().max(64).optional(),
  stage: z.string().max(128).optional(),
  actor: z.string().max(128).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEvent), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
