/**
 * Every route of the BFF's HTTP API, declared once: the BFF's role checks, its OpenAPI document and the
 * resilience suites read them from here, and a test holds the Hono app to exactly this list.
 */
import { z } from 'zod';
import { Environment } from './environment.ts';
import { Problem } from './errors.ts';
import { MetricsQuery, MetricsResponse } from './metrics.ts';
import { DeploymentDiff, DeploymentDiffQuery, StageDrift } from './releases.ts';
import { Rollout, type RolloutControl, RolloutList, StartRolloutRequest } from './rollouts.ts';
import {
  ApiDetail,
  ApiList,
  ApiOverviewList,
  ApiOverviewQuery,
  AuditPage,
  AuditQuery,
  AwsId,
  CreateDeploymentRequest,
  CreateStageRequest,
  Deployment,
  DeploymentList,
  PromoteResult,
  PutCanaryRequest,
  type Role,
  RollbackRequest,
  SessionInfo,
  SignInRequest,
  Stage,
  StageList,
  StageName,
  UpdateStageRequest,
} from './schemas.ts';
import {
  PutAccessLogRequest,
  RequestsQuery,
  RequestsResponse,
  StatusCodesQuery,
  StatusCodesResponse,
} from './statusCodes.ts';
import {
  AddUserRequest,
  ChangePasswordRequest,
  SignInMethods,
  TemporaryPassword,
  UpdateUserRequest,
  UpdateUserResponse,
  UserList,
} from './users.ts';
import { CanaryVerdict, PromoteCanaryRequest, StageVerdicts } from './verdict.ts';

/** One answer a route may give: what it means, and the schema of its body if it has one. */
export interface Reply {
  description: string;
  content?: Record<string, { schema: z.ZodType }>;
}

/** One route: what it is, who may call it, what it takes and what it answers. */
export interface RouteSpec {
  /** The part of the console it belongs to (the resilience suites attack each part in turn). */
  group: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Hono style: `/api/apis/:apiId/stages/:stage`. */
  path: string;
  /** The least role allowed; null: anyone, signed in or not. */
  role: Role | null;
  /** Refused without the ETag it changes (428) or with a stale one (412). */
  ifMatch?: true;
  summary: string;
  /** The query's schema: an object, perhaps refined or transformed. */
  query?: z.ZodObject | z.ZodPipe;
  body?: z.ZodType;
  responses: Record<number, Reply>;
}

/** The schema of each path parameter a route may have. */
export const pathParams: Record<string, z.ZodType> = {
  apiId: AwsId,
  stage: StageName,
  id: z.string(),
  username: z.string(),
};

const json = (schema: z.ZodType, description: string): Reply => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = (description: string): Reply => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

const commonProblems = {
  400: problem('Invalid input (VALIDATION_FAILED) or AWS refused it (AWS_BAD_REQUEST)'),
  401: problem('Not signed in'),
  403: problem(
    'Role too low, CSRF check failed, or a temporary password to change first (PASSWORD_CHANGE_REQUIRED)',
  ),
  404: problem('No such API, stage or deployment'),
  429: problem('Throttled by AWS (with Retry-After)'),
  502: problem('AWS unreachable or refused the console’s credentials'),
};
const stageChangeProblems = {
  ...commonProblems,
  409: problem('Conflicts with the stage’s state (CANARY_ACTIVE, NO_CANARY, CONFLICT)'),
  412: problem('The stage changed since it was read; `current` holds it now'),
  428: problem('If-Match missing'),
};

const rolloutControl = (control: RolloutControl) =>
  ({
    group: 'rollouts',
    method: 'POST',
    path: `/api/rollouts/:id/${control}`,
    role: 'operator',
    ifMatch: true,
    summary: `${control[0]!.toUpperCase()}${control.slice(1)} the rollout (operator); If-Match = its ETag`,
    responses: {
      200: json(Rollout, 'The rollout after'),
      ...commonProblems,
      409: problem('Not in a state for this control (ROLLOUT_CONFLICT)'),
      412: problem('The rollout changed since it was read'),
      428: problem('If-Match missing'),
    },
  }) as const satisfies RouteSpec;

/** Every route of the BFF, by id, in the order the OpenAPI document lists them. */
export const routes = {
  health: {
    group: 'service',
    method: 'GET',
    path: '/api/health',
    role: null,
    summary: 'Liveness',
    responses: { 200: { description: 'Alive' } },
  },
  ready: {
    group: 'service',
    method: 'GET',
    path: '/api/ready',
    role: null,
    summary: 'Readiness: AWS reachable and database migrated',
    responses: {
      200: {
        description:
          'Ready; `awsBudget` is the API Gateway calls a second the console may make and how many replicas split it',
      },
      503: { description: 'Not ready; `missingPermission` names the IAM action AWS refused, if that is why' },
    },
  },
  signIn: {
    group: 'session',
    method: 'POST',
    path: '/api/session',
    role: null,
    summary: 'Sign in; the session cookie comes back in Set-Cookie',
    body: SignInRequest,
    responses: {
      200: json(SessionInfo, 'Signed in'),
      401: problem('Wrong credentials'),
      429: problem('Too many attempts'),
    },
  },
  whoAmI: {
    group: 'session',
    method: 'GET',
    path: '/api/session',
    role: 'viewer',
    summary: 'Who am I',
    responses: { 200: json(SessionInfo, 'The signed-in user'), 401: problem('Not signed in') },
  },
  signOut: {
    group: 'session',
    method: 'DELETE',
    path: '/api/session',
    role: null,
    summary: 'Sign out',
    responses: { 204: { description: 'Signed out' } },
  },
  listApis: {
    group: 'apis',
    method: 'GET',
    path: '/api/apis',
    role: 'viewer',
    summary: 'REST APIs',
    responses: { 200: json(ApiList, 'APIs'), ...commonProblems },
  },
  apiOverview: {
    group: 'apis',
    method: 'GET',
    path: '/api/apis/overview',
    role: 'viewer',
    summary:
      'Stage count, canaries with their verdicts and health of the listed APIs on screen (at most 25 ids: one GetStages each, one GetMetricData in all)',
    query: ApiOverviewQuery,
    responses: { 200: json(ApiOverviewList, 'One overview per id'), ...commonProblems },
  },
  getApi: {
    group: 'apis',
    method: 'GET',
    path: '/api/apis/:apiId',
    role: 'viewer',
    summary: 'One API with resources and methods',
    responses: { 200: json(ApiDetail, 'The API'), ...commonProblems },
  },
  listStages: {
    group: 'stages',
    method: 'GET',
    path: '/api/apis/:apiId/stages',
    role: 'viewer',
    summary: 'Stages',
    responses: { 200: json(StageList, 'Stages'), ...commonProblems },
  },
  createStage: {
    group: 'stages',
    method: 'POST',
    path: '/api/apis/:apiId/stages',
    role: 'operator',
    summary: 'Create a stage (operator)',
    body: CreateStageRequest,
    responses: { 201: json(Stage, 'Created'), 409: problem('Stage exists'), ...commonProblems },
  },
  getStage: {
    group: 'stages',
    method: 'GET',
    path: '/api/apis/:apiId/stages/:stage',
    role: 'viewer',
    summary: 'One stage, with its ETag',
    responses: { 200: json(Stage, 'The stage (ETag header = etag)'), ...commonProblems },
  },
  updateStage: {
    group: 'stages',
    method: 'PATCH',
    path: '/api/apis/:apiId/stages/:stage',
    role: 'operator',
    ifMatch: true,
    summary: 'Change cache, TTL, throttling, variables (operator)',
    body: UpdateStageRequest,
    responses: { 200: json(Stage, 'Changed'), ...stageChangeProblems },
  },
  deleteStage: {
    group: 'stages',
    method: 'DELETE',
    path: '/api/apis/:apiId/stages/:stage',
    role: 'admin',
    ifMatch: true,
    summary: 'Delete a stage (admin)',
    responses: { 204: { description: 'Deleted' }, ...stageChangeProblems },
  },
  listDeployments: {
    group: 'deployments',
    method: 'GET',
    path: '/api/apis/:apiId/deployments',
    role: 'viewer',
    summary: 'Deployment history, newest first',
    responses: { 200: json(DeploymentList, 'Deployments'), ...commonProblems },
  },
  createDeployment: {
    group: 'deployments',
    method: 'POST',
    path: '/api/apis/:apiId/deployments',
    role: 'operator',
    // If-Match only when it goes onto a stage that exists: not required of every call.
    summary:
      'Create a deployment on its own, onto a stage or as its canary (operator; If-Match of the stage when it exists; 409 onto a stage running a canary)',
    body: CreateDeploymentRequest,
    responses: { 201: json(Deployment, 'Created'), ...stageChangeProblems },
  },
  diffDeployments: {
    group: 'releases',
    method: 'GET',
    path: '/api/apis/:apiId/deployments/diff',
    role: 'viewer',
    summary: 'What changes from one deployment to another: methods added, removed, changed; variables',
    query: DeploymentDiffQuery,
    responses: { 200: json(DeploymentDiff, 'The difference'), ...commonProblems },
  },
  stageDrift: {
    group: 'releases',
    method: 'GET',
    path: '/api/apis/:apiId/stages/:stage/drift',
    role: 'viewer',
    summary: 'What the API’s current definition has that the stage’s deployment does not',
    responses: { 200: json(StageDrift, 'Not deployed to the stage'), ...commonProblems },
  },
  putCanary: {
    group: 'canary',
    method: 'PUT',
    path: '/api/apis/:apiId/stages/:stage/canary',
    role: 'operator',
    ifMatch: true,
    summary: 'Create or adjust the canary (operator)',
    body: PutCanaryRequest,
    responses: { 200: json(Stage, 'The stage with its canary'), ...stageChangeProblems },
  },
  rollBackCanary: {
    group: 'canary',
    method: 'DELETE',
    path: '/api/apis/:apiId/stages/:stage/canary',
    role: 'operator',
    ifMatch: true,
    summary: 'Roll the canary back (operator)',
    responses: { 200: json(Stage, 'The stage without canary'), ...stageChangeProblems },
  },
  promoteCanary: {
    group: 'canary',
    method: 'POST',
    path: '/api/apis/:apiId/stages/:stage/canary/promote',
    role: 'operator',
    ifMatch: true,
    summary:
      'Promote the canary, then remove its settings (operator); a canary the judge calls failing needs a reason (409 REASON_REQUIRED)',
    body: PromoteCanaryRequest,
    responses: { 200: json(PromoteResult, 'Each step and the stage after'), ...stageChangeProblems },
  },
  rollBackStage: {
    group: 'rollback',
    method: 'POST',
    path: '/api/apis/:apiId/stages/:stage/rollback',
    role: 'operator',
    ifMatch: true,
    summary: 'Point the stage at an earlier deployment (operator; refused while a canary runs)',
    body: RollbackRequest,
    responses: { 200: json(Stage, 'The stage after'), ...stageChangeProblems },
  },
  flushStageCache: {
    group: 'flush',
    method: 'POST',
    path: '/api/apis/:apiId/stages/:stage/cache/flush',
    role: 'operator',
    summary: 'Flush the stage cache (operator)',
    responses: { 202: { description: 'Flush started' }, ...commonProblems },
  },
  stageMetrics: {
    group: 'metrics',
    method: 'GET',
    path: '/api/apis/:apiId/stages/:stage/metrics',
    role: 'viewer',
    summary: 'Stage dashboard series, base and canary apart',
    query: MetricsQuery,
    responses: { 200: json(MetricsResponse, 'Series'), ...commonProblems },
  },
  apiMetrics: {
    group: 'metrics',
    method: 'GET',
    path: '/api/apis/:apiId/metrics',
    role: 'viewer',
    summary: 'API dashboard series: the whole API, and a line per stage',
    query: MetricsQuery,
    responses: { 200: json(MetricsResponse, 'Series'), ...commonProblems },
  },
  stageStatusCodes: {
    group: 'status-codes',
    method: 'GET',
    path: '/api/apis/:apiId/stages/:stage/status-codes',
    role: 'viewer',
    summary:
      'Requests by status per period from access logs (one Logs Insights query), base and canary apart',
    query: StatusCodesQuery,
    responses: { 200: json(StatusCodesResponse, 'Series, or why there are none'), ...commonProblems },
  },
  apiStatusCodes: {
    group: 'status-codes',
    method: 'GET',
    path: '/api/apis/:apiId/status-codes',
    role: 'viewer',
    summary: 'Requests by status per period across the stages with access logs (one Logs Insights query)',
    query: StatusCodesQuery,
    responses: { 200: json(StatusCodesResponse, 'Series, or why there are none'), ...commonProblems },
  },
  stageRequests: {
    group: 'status-codes',
    method: 'GET',
    path: '/api/apis/:apiId/stages/:stage/requests',
    role: 'viewer',
    summary: 'Recent access-log entries, newest first, by status, path and side',
    query: RequestsQuery,
    responses: { 200: json(RequestsResponse, 'Requests'), ...commonProblems },
  },
  putAccessLog: {
    group: 'status-codes',
    method: 'PUT',
    path: '/api/apis/:apiId/stages/:stage/access-log',
    role: 'operator',
    ifMatch: true,
    summary: 'Turn access logging to CloudWatch Logs on (creating the log group) or off (operator)',
    body: PutAccessLogRequest,
    responses: { 200: json(Stage, 'The stage after'), ...stageChangeProblems },
  },
  audit: {
    group: 'audit',
    method: 'GET',
    path: '/api/audit',
    role: 'viewer',
    summary: 'Audit events, newest first, paged',
    query: AuditQuery,
    responses: { 200: json(AuditPage, 'Events'), ...commonProblems },
  },
  canaryVerdict: {
    group: 'verdict',
    method: 'GET',
    path: '/api/apis/:apiId/stages/:stage/canary/verdict',
    role: 'viewer',
    summary: 'The canary judge now: healthy, failing or inconclusive, with every number behind it',
    responses: { 200: json(CanaryVerdict, 'The verdict'), ...commonProblems, 409: problem('No canary') },
  },
  canaryVerdicts: {
    group: 'verdict',
    method: 'GET',
    path: '/api/apis/:apiId/canary/verdicts',
    role: 'viewer',
    summary: 'The canary judge on every stage of the API with a canary, from one GetMetricData',
    responses: { 200: json(StageVerdicts, 'One verdict per canary stage'), ...commonProblems },
  },
  listRollouts: {
    group: 'rollouts',
    method: 'GET',
    path: '/api/apis/:apiId/stages/:stage/rollouts',
    role: 'viewer',
    summary: 'The stage’s rollouts, newest first',
    responses: { 200: json(RolloutList, 'Rollouts'), ...commonProblems },
  },
  startRollout: {
    group: 'rollouts',
    method: 'POST',
    path: '/api/apis/:apiId/stages/:stage/rollouts',
    role: 'operator',
    ifMatch: true,
    summary: 'Start a rollout of the stage’s canary (operator); If-Match = the stage’s ETag',
    body: StartRolloutRequest,
    responses: {
      201: json(Rollout, 'The rollout'),
      ...stageChangeProblems,
      409: problem('A rollout of the stage is in progress (ROLLOUT_CONFLICT), or no canary (NO_CANARY)'),
    },
  },
  getRollout: {
    group: 'rollouts',
    method: 'GET',
    path: '/api/rollouts/:id',
    role: 'viewer',
    summary: 'One rollout with its steps, gates, verdicts and events (ETag = its version)',
    responses: { 200: json(Rollout, 'The rollout'), ...commonProblems },
  },
  pauseRollout: rolloutControl('pause'),
  resumeRollout: rolloutControl('resume'),
  abortRollout: rolloutControl('abort'),
  approveRollout: rolloutControl('approve'),
  skipRollout: rolloutControl('skip'),
  environment: {
    group: 'environment',
    method: 'GET',
    path: '/api/environment',
    role: 'viewer',
    summary: 'Where the console points: AWS, an endpoint or the demo; account, region, name',
    responses: { 200: json(Environment, 'The environment'), ...commonProblems },
  },
  signInMethods: {
    group: 'session',
    method: 'GET',
    path: '/api/session/methods',
    role: null,
    summary: 'The ways in the sign-in page offers: password, OpenID Connect',
    responses: { 200: json(SignInMethods, 'Sign-in methods') },
  },
  oidcSignIn: {
    group: 'session',
    method: 'GET',
    path: '/api/session/oidc',
    role: null,
    summary: 'Company sign-in (when configured): redirects to the OpenID Connect provider (code + PKCE)',
    responses: { 302: { description: 'To the provider' }, 404: problem('OpenID Connect is not configured') },
  },
  oidcCallback: {
    group: 'session',
    method: 'GET',
    path: '/api/session/oidc/callback',
    role: null,
    summary: 'Where the provider sends the browser back: signs in and redirects to the console',
    responses: { 302: { description: 'Signed in' }, 401: problem('The sign-in could not be completed') },
  },
  changePassword: {
    group: 'session',
    method: 'POST',
    path: '/api/session/password',
    role: 'viewer',
    summary: 'Change one’s own password; every other session of that person ends',
    body: ChangePasswordRequest,
    responses: {
      204: { description: 'Changed' },
      400: problem('Too weak, same as the current one, or the current password is wrong'),
      401: problem('Not signed in'),
    },
  },
  listUsers: {
    group: 'users',
    method: 'GET',
    path: '/api/users',
    role: 'admin',
    summary: 'Users (admin)',
    responses: { 200: json(UserList, 'Users'), ...commonProblems },
  },
  addUser: {
    group: 'users',
    method: 'POST',
    path: '/api/users',
    role: 'admin',
    summary: 'Add a user with a temporary password, shown once (admin)',
    body: AddUserRequest,
    responses: {
      201: json(TemporaryPassword, 'Added'),
      ...commonProblems,
      409: problem('The username is taken'),
    },
  },
  updateUser: {
    group: 'users',
    method: 'PATCH',
    path: '/api/users/:username',
    role: 'admin',
    summary: 'Change role, disable or enable, reset the password (admin); a disabled user’s sessions end',
    body: UpdateUserRequest,
    responses: {
      200: json(UpdateUserResponse, 'The user after'),
      ...commonProblems,
      409: problem('It would leave no enabled admin (LAST_ADMIN), or the user has no password here'),
    },
  },
  openApi: {
    group: 'service',
    method: 'GET',
    path: '/api/openapi.json',
    role: null,
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1' } },
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof routes;

/** The manifest's routes as a list, each with its id. */
export const routeList = (Object.keys(routes) as RouteId[]).map((id) => ({
  id,
  ...(routes[id] as RouteSpec),
}));

/** The names of a route's path parameters, in order: `/api/apis/:apiId/stages/:stage` → apiId, stage. */
export const paramsOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
