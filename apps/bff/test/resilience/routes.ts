import {
  AddUserRequest,
  ApiOverviewQuery,
  AuditQuery,
  ChangePasswordRequest,
  CreateDeploymentRequest,
  CreateStageRequest,
  DeploymentDiffQuery,
  MetricsQuery,
  PutAccessLogRequest,
  PutCanaryRequest,
  RequestsQuery,
  type Role,
  RollbackRequest,
  rolloutControls,
  SignInRequest,
  StartRolloutRequest,
  StatusCodesQuery,
  UpdateStageRequest,
  UpdateUserRequest,
} from '@gateway-console/contract';
import type { z } from 'zod';

/** Where a route points: an API and one of its stages. */
export interface Target {
  apiId: string;
  stage: string;
  deploymentId: string;
}

/** One route of DESIGN.md's table, as the attacks need to know it. */
export interface Route {
  family: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (t: Target) => string;
  /** The least role allowed (undefined: anyone). */
  role: Role | undefined;
  /** The contract's schema of the body, and one body it accepts. */
  body?: { schema: z.ZodType; valid: (t: Target) => Record<string, unknown> };
  query?: z.ZodType;
}

/** A rollout id no rollout has: the controls' checks answer before the 404. */
const unknownRollout = '00000000-0000-4000-8000-000000000000';

const api = (t: Target) => `/api/apis/${t.apiId}`;
const stage = (t: Target) => `${api(t)}/stages/${t.stage}`;

/** Every route of the BFF's HTTP API (DESIGN.md), grouped in families. */
export const routes: Route[] = [
  {
    family: 'session',
    method: 'POST',
    path: () => '/api/session',
    role: undefined,
    body: { schema: SignInRequest, valid: () => ({ username: 'nobody', password: 'wrong password' }) },
  },
  { family: 'session', method: 'GET', path: () => '/api/session', role: 'viewer' },
  { family: 'apis', method: 'GET', path: () => '/api/apis', role: 'viewer' },
  {
    family: 'apis',
    method: 'GET',
    // The id travels in the query: encoded, so a hostile one stays one value of `ids` (and a lone
    // surrogate becomes U+FFFD instead of throwing).
    path: (t) => `/api/apis/overview?${new URLSearchParams({ ids: t.apiId })}`,
    role: 'viewer',
    query: ApiOverviewQuery,
  },
  { family: 'apis', method: 'GET', path: api, role: 'viewer' },
  { family: 'stages', method: 'GET', path: (t) => `${api(t)}/stages`, role: 'viewer' },
  {
    family: 'stages',
    method: 'POST',
    path: (t) => `${api(t)}/stages`,
    role: 'operator',
    body: {
      schema: CreateStageRequest,
      valid: (t) => ({ name: 'resilience-never-created', deploymentId: t.deploymentId }),
    },
  },
  { family: 'stages', method: 'GET', path: stage, role: 'viewer' },
  {
    family: 'stages',
    method: 'PATCH',
    path: stage,
    role: 'operator',
    body: { schema: UpdateStageRequest, valid: () => ({ description: 'resilience' }) },
  },
  { family: 'stages', method: 'DELETE', path: stage, role: 'admin' },
  { family: 'deployments', method: 'GET', path: (t) => `${api(t)}/deployments`, role: 'viewer' },
  {
    family: 'deployments',
    method: 'POST',
    path: (t) => `${api(t)}/deployments`,
    role: 'operator',
    body: { schema: CreateDeploymentRequest, valid: () => ({ description: 'resilience' }) },
  },
  {
    family: 'releases',
    method: 'GET',
    path: (t) => `${api(t)}/deployments/diff`,
    role: 'viewer',
    query: DeploymentDiffQuery,
  },
  { family: 'releases', method: 'GET', path: (t) => `${stage(t)}/drift`, role: 'viewer' },
  {
    family: 'canary',
    method: 'PUT',
    path: (t) => `${stage(t)}/canary`,
    role: 'operator',
    body: { schema: PutCanaryRequest, valid: (t) => ({ percentTraffic: 10, deploymentId: t.deploymentId }) },
  },
  // Its body ({reason}, PromoteCanaryRequest) is optional: an empty body is a valid request, not a malformed one.
  { family: 'canary', method: 'POST', path: (t) => `${stage(t)}/canary/promote`, role: 'operator' },
  { family: 'canary', method: 'DELETE', path: (t) => `${stage(t)}/canary`, role: 'operator' },
  {
    family: 'rollback',
    method: 'POST',
    path: (t) => `${stage(t)}/rollback`,
    role: 'operator',
    body: { schema: RollbackRequest, valid: (t) => ({ deploymentId: t.deploymentId }) },
  },
  { family: 'flush', method: 'POST', path: (t) => `${stage(t)}/cache/flush`, role: 'operator' },
  {
    family: 'metrics',
    method: 'GET',
    path: (t) => `${stage(t)}/metrics`,
    role: 'viewer',
    query: MetricsQuery,
  },
  {
    family: 'status-codes',
    method: 'GET',
    path: (t) => `${stage(t)}/status-codes`,
    role: 'viewer',
    query: StatusCodesQuery,
  },
  {
    family: 'status-codes',
    method: 'GET',
    path: (t) => `${stage(t)}/requests`,
    role: 'viewer',
    query: RequestsQuery,
  },
  {
    family: 'status-codes',
    method: 'PUT',
    path: (t) => `${stage(t)}/access-log`,
    role: 'operator',
    body: { schema: PutAccessLogRequest, valid: () => ({ enabled: true }) },
  },
  { family: 'audit', method: 'GET', path: () => '/api/audit', role: 'viewer', query: AuditQuery },
  {
    family: 'verdict',
    method: 'GET',
    path: (t) => `${stage(t)}/canary/verdict`,
    role: 'viewer',
  },
  { family: 'verdict', method: 'GET', path: (t) => `${api(t)}/canary/verdicts`, role: 'viewer' },
  { family: 'rollouts', method: 'GET', path: (t) => `${stage(t)}/rollouts`, role: 'viewer' },
  {
    family: 'rollouts',
    method: 'POST',
    path: (t) => `${stage(t)}/rollouts`,
    role: 'operator',
    body: { schema: StartRolloutRequest, valid: () => ({ template: 'Canary10Percent5Minutes' }) },
  },
  { family: 'rollouts', method: 'GET', path: () => `/api/rollouts/${unknownRollout}`, role: 'viewer' },
  ...rolloutControls.map(
    (control): Route => ({
      family: 'rollouts',
      method: 'POST',
      path: () => `/api/rollouts/${unknownRollout}/${control}`,
      role: 'operator',
    }),
  ),
  { family: 'environment', method: 'GET', path: () => '/api/environment', role: 'viewer' },
  {
    family: 'session',
    method: 'POST',
    path: () => '/api/session/password',
    role: 'viewer',
    body: {
      schema: ChangePasswordRequest,
      valid: () => ({ currentPassword: 'wrong password', newPassword: 'resilience never sets this' }),
    },
  },
  { family: 'session', method: 'GET', path: () => '/api/session/methods', role: undefined },
  { family: 'users', method: 'GET', path: () => '/api/users', role: 'admin' },
  {
    family: 'users',
    method: 'POST',
    path: () => '/api/users',
    role: 'admin',
    body: { schema: AddUserRequest, valid: () => ({ username: 'resilience-never-created', role: 'viewer' }) },
  },
  {
    family: 'users',
    method: 'PATCH',
    path: () => '/api/users/resilience-nobody',
    role: 'admin',
    body: { schema: UpdateUserRequest, valid: () => ({ role: 'viewer' }) },
  },
];

export const families = [...new Set(routes.map((r) => r.family))];

/** Routes that change something (everything but GET). */
export const mutatingRoutes = routes.filter((r) => r.method !== 'GET');
