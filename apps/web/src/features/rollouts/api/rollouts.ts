import type {
  Rollout,
  RolloutControl,
  RolloutList,
  Stage,
  StartRolloutRequest,
} from '@gateway-console/contract';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { apiKeys } from '../../apis/index.ts';
import { reportIfStale, stageKeys, stagePath } from '../../stages/index.ts';

export const rolloutKeys = {
  stage: (apiId: string, stage: string) => [...stageKeys.detail(apiId, stage), 'rollouts'] as const,
};

const active = (list: RolloutList | undefined) =>
  list?.items.some((r) => r.state === 'running' || r.state === 'paused' || r.state === 'waiting') ?? false;

/** The stage's rollouts, newest first; re-asked every 3 s while one is in progress, every 30 s otherwise. */
export const stageRolloutsQuery = (apiId: string, stage: string) =>
  queryOptions({
    queryKey: rolloutKeys.stage(apiId, stage),
    queryFn: () => http<RolloutList>(`${stagePath(apiId, stage)}/rollouts`),
    refetchInterval: (query) => (active(query.state.data) ? 3_000 : 30_000),
  });

/** Starts a rollout of the stage as the operator saw it (its ETag). */
export function useStartRollout(seen: Stage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: StartRolloutRequest) =>
      http<Rollout>(`${stagePath(seen.apiId, seen.name)}/rollouts`, {
        method: 'POST',
        json: request,
        ifMatch: seen.etag,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolloutKeys.stage(seen.apiId, seen.name) }),
    onError: (error) => reportIfStale(error, seen),
  });
}

/** Pause, resume, abort, approve or skip a step, checked against the rollout as the operator saw it. */
export function useRolloutControl(rollout: Rollout) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (control: RolloutControl) =>
      http<Rollout>(`/rollouts/${encodeURIComponent(rollout.id)}/${control}`, {
        method: 'POST',
        ifMatch: `"rollout-${rollout.version}"`,
      }),
    // A step moves the canary's traffic: the rollout, the stage and its verdicts all change (and a refused
    // control means the rollout moved on meanwhile).
    onSettled: () => queryClient.invalidateQueries(apiKeys.changed(rollout.apiId)),
  });
}
