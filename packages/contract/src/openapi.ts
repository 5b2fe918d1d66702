import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Environment } from './environment.ts';
import { Problem } from './errors.ts';
import { MetricsQuery, MetricsResponse } from './metrics.ts';
import { DeploymentDiff, DeploymentDiffQuery, StageDrift } from './releases.ts';
import { Rollout, RolloutList, StartRolloutRequest } from './rollouts.ts';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from './rules.ts';
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

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

const apiParams = z.object({ apiId: AwsId });
const stageParams = z.object({ apiId: AwsId, stage: StageName });
/** Headers of every change: the CSRF header, and If-Match with the stage's ETag where a stage is changed. */
const changeHeaders = z.object({ [CSRF_HEADER]: z.literal(CSRF_HEADER_VALUE) });
const stageChangeHeaders = changeHeaders.extend({ 'If-Match': z.string() });

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

type Route = Omit<RouteConfig, 'responses'> & { responses: RouteConfig['responses'] };

const routes: Route[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness', responses: { 200: { description: 'Alive' } } },
  {
    method: 'get',
    path: '/api/ready',
    summary: 'Readiness: AWS reachable and database migrated',
    responses: {
      200: {
        description:
          'Ready; `awsBudget` is the API Gateway calls a second the console may make and how many replicas split it',
      },
      503: { description: 'Not ready; `missingPermission` names the IAM action AWS refused, if that is why' },
    },
  },
  {
    method: 'post',
    path: '/api/session',
    summary: 'Sign in; the session cookie comes back in Set-Cookie',
    request: { headers: changeHeaders, body: { content: { 'application/json': { schema: SignInRequest } } } },
    responses: {
      200: json(SessionInfo, 'Signed in'),
      401: problem('Wrong credentials'),
      429: problem('Too many attempts'),
    },
  },
  {
    method: 'get',
    path: '/api/session',
    summary: 'Who am I',
    responses: { 200: json(SessionInfo, 'The signed-in user'), 401: problem('Not signed in') },
  },
  {
    method: 'delete',
    path: '/api/session',
    summary: 'Sign out',
    request: { headers: changeHeaders },
    responses: { 204: { description: 'Signed out' } },
  },
  {
    method: 'get',
    path: '/api/apis',
    summary: 'REST APIs',
    responses: { 200: json(ApiList, 'APIs'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/overview',
    summary: 'Stage count and canaries of the listed APIs on screen (at most 25 ids, one GetStages each)',
    request: { query: ApiOverviewQuery },
    responses: { 200: json(ApiOverviewList, 'One overview per id'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}',
    summary: 'One API with resources and methods',
    request: { params: apiParams },
    responses: { 200: json(ApiDetail, 'The API'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/stages',
    summary: 'Stages',
    request: { params: apiParams },
    responses: { 200: json(StageList, 'Stages'), ...commonProblems },
  },
  {
    method: 'post',
    path: '/api/apis/{apiId}/stages',
    summary: 'Create a stage (operator)',
    request: {
      params: apiParams,
      headers: changeHeaders,
      body: { content: { 'application/json': { schema: CreateStageRequest } } },
    },
    responses: { 201: json(Stage, 'Created'), 409: problem('Stage exists'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/stages/{stage}',
    summary: 'One stage, with its ETag',
    request: { params: stageParams },
    responses: { 200: json(Stage, 'The stage (ETag header = etag)'), ...commonProblems },
  },
  {
    method: 'patch',
    path: '/api/apis/{apiId}/stages/{stage}',
    summary: 'Change cache, TTL, throttling, variables (operator)',
    request: {
      params: stageParams,
      headers: stageChangeHeaders,
      body: { content: { 'application/json': { schema: UpdateStageRequest } } },
    },
    responses: { 200: json(Stage, 'Changed'), ...stageChangeProblems },
  },
  {
    method: 'delete',
    path: '/api/apis/{apiId}/stages/{stage}',
    summary: 'Delete a stage (admin)',
    request: { params: stageParams, headers: stageChangeHeaders },
    responses: { 204: { description: 'Deleted' }, ...stageChangeProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/deployments',
    summary: 'Deployment history, newest first',
    request: { params: apiParams },
    responses: { 200: json(DeploymentList, 'Deployments'), ...commonProblems },
  },
  {
    method: 'post',
    path: '/api/apis/{apiId}/deployments',
    summary:
      'Create a deployment on its own, onto a stage or as its canary (operator; If-Match of the stage when it exists; 409 onto a stage running a canary)',
    request: {
      params: apiParams,
      headers: changeHeaders,
      body: { content: { 'application/json': { schema: CreateDeploymentRequest } } },
    },
    responses: { 201: json(Deployment, 'Created'), ...stageChangeProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/deployments/diff',
    summary: 'What changes from one deployment to another: methods added, removed, changed; variables',
    request: { params: apiParams, query: DeploymentDiffQuery },
    responses: { 200: json(DeploymentDiff, 'The difference'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/stages/{stage}/drift',
    summary: 'What the API’s current definition has that the stage’s deployment does not',
    request: { params: stageParams },
    responses: { 200: json(StageDrift, 'Not deployed to the stage'), ...commonProblems },
  },
  {
    method: 'put',
    path: '/api/apis/{apiId}/stages/{stage}/canary',
    summary: 'Create or adjust the canary (operator)',
    request: {
      params: stageParams,
      headers: stageChangeHeaders,
      body: { content: { 'application/json': { schema: PutCanaryRequest } } },
    },
    responses: { 200: json(Stage, 'The stage with its canary'), ...stageChangeProblems },
  },
  {
    method: 'delete',
    path: '/api/apis/{apiId}/stages/{stage}/canary',
    summary: 'Roll the canary back (operator)',
    request: { params: stageParams, headers: stageChangeHeaders },
    responses: { 200: json(Stage, 'The stage without canary'), ...stageChangeProblems },
  },
  {
    method: 'post',
    path: '/api/apis/{apiId}/stages/{stage}/canary/promote',
    summary:
      'Promote the canary, then remove its settings (operator); a canary the judge calls failing needs a reason (409 REASON_REQUIRED)',
    request: {
      params: stageParams,
      headers: stageChangeHeaders,
      body: { content: { 'application/json': { schema: PromoteCanaryRequest } } },
    },
    responses: { 200: json(PromoteResult, 'Each step and the stage after'), ...stageChangeProblems },
  },
  {
    method: 'post',
    path: '/api/apis/{apiId}/stages/{stage}/rollback',
    summary: 'Point the stage at an earlier deployment (operator; refused while a canary runs)',
    request: {
      params: stageParams,
      headers: stageChangeHeaders,
      body: { content: { 'application/json': { schema: RollbackRequest } } },
    },
    responses: { 200: json(Stage, 'The stage after'), ...stageChangeProblems },
  },
  {
    method: 'post',
    path: '/api/apis/{apiId}/stages/{stage}/cache/flush',
    summary: 'Flush the stage cache (operator)',
    request: { params: stageParams, headers: changeHeaders },
    responses: { 202: { description: 'Flush started' }, ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/stages/{stage}/metrics',
    summary: 'Stage dashboard series, base and canary apart',
    request: { params: stageParams, query: MetricsQuery },
    responses: { 200: json(MetricsResponse, 'Series'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/stages/{stage}/status-codes',
    summary:
      'Requests by status per period from access logs (one Logs Insights query), base and canary apart',
    request: { params: stageParams, query: StatusCodesQuery },
    responses: { 200: json(StatusCodesResponse, 'Series, or why there are none'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/status-codes',
    summary: 'Requests by status per period across the stages with access logs (one Logs Insights query)',
    request: { params: apiParams, query: StatusCodesQuery },
    responses: { 200: json(StatusCodesResponse, 'Series, or why there are none'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/stages/{stage}/requests',
    summary: 'Recent access-log entries, newest first, by status, path and side',
    request: { params: stageParams, query: RequestsQuery },
    responses: { 200: json(RequestsResponse, 'Requests'), ...commonProblems },
  },
  {
    method: 'put',
    path: '/api/apis/{apiId}/stages/{stage}/access-log',
    summary: 'Turn access logging to CloudWatch Logs on (creating the log group) or off (operator)',
    request: {
      params: stageParams,
      headers: stageChangeHeaders,
      body: { content: { 'application/json': { schema: PutAccessLogRequest } } },
    },
    responses: { 200: json(Stage, 'The stage after'), ...stageChangeProblems },
  },
  {
    method: 'get',
    path: '/api/audit',
    summary: 'Audit events, newest first, paged',
    request: { query: AuditQuery },
    responses: { 200: json(AuditPage, 'Events'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/stages/{stage}/canary/verdict',
    summary: 'The canary judge now: healthy, failing or inconclusive, with every number behind it',
    request: { params: stageParams },
    responses: { 200: json(CanaryVerdict, 'The verdict'), ...commonProblems, 409: problem('No canary') },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/canary/verdicts',
    summary: 'The canary judge on every stage of the API with a canary, from one GetMetricData',
    request: { params: apiParams },
    responses: { 200: json(StageVerdicts, 'One verdict per canary stage'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/apis/{apiId}/stages/{stage}/rollouts',
    summary: 'The stage’s rollouts, newest first',
    request: { params: stageParams },
    responses: { 200: json(RolloutList, 'Rollouts'), ...commonProblems },
  },
  {
    method: 'post',
    path: '/api/apis/{apiId}/stages/{stage}/rollouts',
    summary: 'Start a rollout of the stage’s canary (operator); If-Match = the stage’s ETag',
    request: {
      params: stageParams,
      headers: stageChangeHeaders,
      body: { content: { 'application/json': { schema: StartRolloutRequest } } },
    },
    responses: {
      201: json(Rollout, 'The rollout'),
      ...stageChangeProblems,
      409: problem('A rollout of the stage is in progress (ROLLOUT_CONFLICT), or no canary (NO_CANARY)'),
    },
  },
  {
    method: 'get',
    path: '/api/rollouts/{id}',
    summary: 'One rollout with its steps, gates, verdicts and events (ETag = its version)',
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: json(Rollout, 'The rollout'), ...commonProblems },
  },
  ...(['pause', 'resume', 'abort', 'approve', 'skip'] as const).map(
    (control): Route => ({
      method: 'post',
      path: `/api/rollouts/{id}/${control}`,
      summary: `${control[0]!.toUpperCase()}${control.slice(1)} the rollout (operator); If-Match = its ETag`,
      request: { params: z.object({ id: z.string() }), headers: stageChangeHeaders },
      responses: {
        200: json(Rollout, 'The rollout after'),
        ...commonProblems,
        409: problem('Not in a state for this control (ROLLOUT_CONFLICT)'),
        412: problem('The rollout changed since it was read'),
        428: problem('If-Match missing'),
      },
    }),
  ),
  {
    method: 'get',
    path: '/api/environment',
    summary: 'Where the console points: AWS, an endpoint or the demo; account, region, name',
    responses: { 200: json(Environment, 'The environment'), ...commonProblems },
  },
  {
    method: 'get',
    path: '/api/session/methods',
    summary: 'The ways in the sign-in page offers: password, OpenID Connect',
    security: [],
    responses: { 200: json(SignInMethods, 'Sign-in methods') },
  },
  {
    method: 'get',
    path: '/api/session/oidc',
    summary: 'Company sign-in (when configured): redirects to the OpenID Connect provider (code + PKCE)',
    security: [],
    responses: { 302: { description: 'To the provider' }, 404: problem('OpenID Connect is not configured') },
  },
  {
    method: 'get',
    path: '/api/session/oidc/callback',
    summary: 'Where the provider sends the browser back: signs in and redirects to the console',
    security: [],
    responses: { 302: { description: 'Signed in' }, 401: problem('The sign-in could not be completed') },
  },
  {
    method: 'post',
    path: '/api/session/password',
    summary: 'Change one’s own password; every other session of that person ends',
    request: {
      headers: changeHeaders,
      body: { content: { 'application/json': { schema: ChangePasswordRequest } } },
    },
    responses: {
      204: { description: 'Changed' },
      400: problem('Too weak, same as the current one, or the current password is wrong'),
      401: problem('Not signed in'),
    },
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'Users (admin)',
    responses: { 200: json(UserList, 'Users'), ...commonProblems },
  },
  {
    method: 'post',
    path: '/api/users',
    summary: 'Add a user with a temporary password, shown once (admin)',
    request: {
      headers: changeHeaders,
      body: { content: { 'application/json': { schema: AddUserRequest } } },
    },
    responses: {
      201: json(TemporaryPassword, 'Added'),
      ...commonProblems,
      409: problem('The username is taken'),
    },
  },
  {
    method: 'patch',
    path: '/api/users/{username}',
    summary: 'Change role, disable or enable, reset the password (admin); a disabled user’s sessions end',
    request: {
      params: z.object({ username: z.string() }),
      headers: changeHeaders,
      body: { content: { 'application/json': { schema: UpdateUserRequest } } },
    },
    responses: {
      200: json(UpdateUserResponse, 'The user after'),
      ...commonProblems,
      409: problem('It would leave no enabled admin (LAST_ADMIN), or the user has no password here'),
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1' } },
  },
];

/** The BFF's OpenAPI 3.1 document, generated from the same zod schemas the BFF validates with. */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'gc_session',
  });
  for (const route of routes) registry.registerPath(route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Gateway Console BFF',
      version: '1.0.0',
      description:
        'Errors are application/problem+json (RFC 9457) with `code` and `requestId`. Every non-GET needs `X-Requested-With: gateway-console`.',
    },
    security: [{ session: [] }],
  });
}
