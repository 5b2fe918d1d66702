import type { EndpointType } from '@aws-sdk/client-api-gateway';
import type { Random } from '../dataplane/random.ts';
import type { EmulatorState, RestApiRecord } from '../state.ts';
import { nowSeconds } from '../state.ts';
import { addMethod, DEMO_TAG, deploy, mock, stage } from './demo.ts';

// AWS's default quotas (developer guide, "API Gateway quotas for configuring and running a REST API"):
// 600 regional or private REST APIs per account and Region (120 edge-optimized), 300 resources per API,
// 10 stages per API.
/** REST APIs in the large account, the seeded demo APIs included. */
export const LARGE_API_COUNT = 600;
/** Resources of the widest API (AWS's per-API maximum), each with {@link LARGE_METHODS}. */
export const LARGE_RESOURCE_COUNT = 300;
export const LARGE_METHODS = ['DELETE', 'GET', 'POST', 'PUT'] as const;
/** Deployments of the most deployed API. */
export const LARGE_DEPLOYMENT_COUNT = 500;
/** Stages in all (AWS allows 10 per API). */
export const LARGE_STAGE_COUNT = 3_000;
/** Names of the widest and the most deployed API. */
export const WIDEST_API_NAME = 'catalogue-wide';
export const MOST_DEPLOYED_API_NAME = 'release-train';

const DAY = 86_400;
const TEAMS = ['orders', 'billing', 'search', 'identity', 'shipping', 'catalogue', 'reviews', 'ledger'];
const KINDS = ['service', 'gateway', 'internal', 'partner', 'webhooks', 'admin'];
const STAGE_NAMES = ['dev', 'test', 'qa', 'staging', 'prod', 'perf', 'uat', 'sandbox', 'canary', 'dr'];

function description(index: number): string {
  // Some APIs carry the long descriptions real accounts have (generated docs pasted in).
  if (index % 97 === 0) {
    return `Generated from the ${TEAMS[index % TEAMS.length]} OpenAPI document. `.repeat(300);
  }
  return `${TEAMS[index % TEAMS.length]} ${KINDS[index % KINDS.length]} number ${index}`;
}

function smallApi(state: EmulatorState, name: string, index: number, now: number): RestApiRecord {
  const endpointTypes: EndpointType[] = [index % 5 === 0 ? 'EDGE' : index % 7 === 0 ? 'PRIVATE' : 'REGIONAL'];
  const api = state.createRestApi({
    name,
    description: description(index),
    endpointTypes,
    tags: { ...DEMO_TAG, team: TEAMS[index % TEAMS.length] ?? 'platform' },
  });
  api.createdDate = now - (index % 400) * DAY - index;
  addMethod(api, '/health', {
    httpMethod: 'GET',
    authorizationType: 'NONE',
    apiKeyRequired: false,
    integration: mock(),
  });
  addMethod(api, '/items', {
    httpMethod: 'GET',
    authorizationType: 'AWS_IAM',
    apiKeyRequired: false,
    integration: mock(),
  });
  return api;
}

/**
 * Fills the account up to AWS's default quotas, building the state directly (no HTTP, a second or so):
 * {@link LARGE_API_COUNT} APIs, one with {@link LARGE_RESOURCE_COUNT} resources × 4 methods, one with
 * {@link LARGE_DEPLOYMENT_COUNT} deployments, {@link LARGE_STAGE_COUNT} stages in all and a canary on every
 * tenth API's `prod`. APIs already in the account (the demo's) count towards the totals.
 */
export function seedLarge(state: EmulatorState, random: Random): void {
  const now = nowSeconds();
  const apis: RestApiRecord[] = [];
  let stages = [...state.restApis.values()].reduce((sum, api) => sum + api.stages.size, 0);

  const wide = smallApi(state, WIDEST_API_NAME, 1, now);
  for (let n = 1; wide.resources.size < LARGE_RESOURCE_COUNT; n += 1) {
    // `/products` itself is made on the way and counts as one of the resources.
    for (const httpMethod of LARGE_METHODS) {
      addMethod(wide, `/products/p${String(n).padStart(3, '0')}`, {
        httpMethod,
        authorizationType: httpMethod === 'GET' ? 'NONE' : 'AWS_IAM',
        apiKeyRequired: false,
        integration: mock(),
      });
    }
  }
  apis.push(wide);

  const train = smallApi(state, MOST_DEPLOYED_API_NAME, 2, now);
  for (let i = 0; i < LARGE_DEPLOYMENT_COUNT; i += 1) {
    deploy(train, `release ${i + 1}`, now - (LARGE_DEPLOYMENT_COUNT - i) * 3600);
  }
  apis.push(train);

  for (let index = state.restApis.size; index < LARGE_API_COUNT; index += 1) {
    const team = TEAMS[index % TEAMS.length];
    const kind = KINDS[Math.floor(index / TEAMS.length) % KINDS.length];
    apis.push(smallApi(state, `${team}-${kind}-${String(index).padStart(3, '0')}`, index, now));
  }

  // Stages spread so the account holds LARGE_STAGE_COUNT in all, at most 10 per API.
  apis.forEach((api, position) => {
    const left = apis.length - position;
    const wanted = Math.min(STAGE_NAMES.length, Math.round((LARGE_STAGE_COUNT - stages) / left));
    const deployments = [...api.deployments.keys()];
    if (deployments.length === 0) {
      deployments.push(deploy(api, 'v1', api.createdDate + DAY));
      deployments.push(deploy(api, 'v2', api.createdDate + 2 * DAY));
    }
    for (const name of STAGE_NAMES.slice(0, wanted)) {
      const deploymentId = deployments[Math.floor(random() * deployments.length)] ?? '';
      const canaryId = deployments.find((d) => d !== deploymentId);
      stage(api, name, deploymentId, {
        variables: { version: name === 'prod' ? 'v1' : 'v2' },
        ...(name === 'prod' && position % 10 === 0 && canaryId
          ? {
              canarySettings: {
                deploymentId: canaryId,
                percentTraffic: 5 + (position % 4) * 5,
                stageVariableOverrides: { version: 'v2' },
                useStageCache: false,
              },
            }
          : {}),
      });
    }
    stages += wanted;
  });
}
