import type { EmulatorState, MethodRecord, ResourceRecord, RestApiRecord, StageRecord } from '../state.ts';
import { AwsError, notFound } from './errors.ts';
import type { FaultInjector } from './faults.ts';

/** What every route module needs: the account's state and the fault injector. */
export interface ControlPlane {
  state: EmulatorState;
  faults: FaultInjector;
}

export function findApi(state: EmulatorState, restApiId: string): RestApiRecord {
  const api = state.restApis.get(restApiId);
  if (!api)
    throw new AwsError(
      'NotFoundException',
      `Invalid API identifier specified ${state.accountId}:${restApiId}`,
    );
  return api;
}

export function findStage(api: RestApiRecord, stageName: string): StageRecord {
  const stage = api.stages.get(stageName);
  if (!stage) throw new AwsError('NotFoundException', 'Invalid stage identifier specified');
  return stage;
}

export function findResource(api: RestApiRecord, resourceId: string): ResourceRecord {
  const resource = api.resources.get(resourceId);
  if (!resource) throw notFound('Resource identifier');
  return resource;
}

export function findMethod(resource: ResourceRecord, httpMethod: string): MethodRecord {
  const method = resource.methods[httpMethod];
  if (!method) throw notFound('Method identifier');
  return method;
}
