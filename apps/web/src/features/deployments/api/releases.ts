import type {
  CreateDeploymentRequest,
  Deployment,
  DeploymentDiff,
  Stage,
  StageDrift,
} from '@gateway-console/contract';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { apiKeys } from '../../apis/index.ts';
import { reportIfStale, stagePath } from '../../stages/index.ts';
import { deploymentKeys } from './keys.ts';

/** What changes from one deployment to another; for a stage, with its canary's variable overrides. */
export const deploymentDiffQuery = (apiId: string, from: string, to: string, stage?: string) =>
  queryOptions({
    queryKey: deploymentKeys.diff(apiId, from, to, stage),
    queryFn: () => {
      const query = new URLSearchParams({ from, to, ...(stage ? { stage } : {}) });
      return http<DeploymentDiff>(`/apis/${encodeURIComponent(apiId)}/deployments/diff?${query}`);
    },
    // Deployments never change; only a stage's variables may.
    staleTime: stage ? 0 : Number.POSITIVE_INFINITY,
  });

/** What the API has that the stage does not run. */
export const stageDriftQuery = (apiId: string, stage: string, deploymentId: string) =>
  queryOptions({
    queryKey: deploymentKeys.drift(apiId, stage, deploymentId),
    queryFn: () => http<StageDrift>(`${stagePath(apiId, stage)}/drift`),
    // An answer about another deployment (the stage moved while it was read, say by a refresh after a
    // deploy) is not this key's: it is read again at once rather than trusted for the usual 10 s.
    staleTime: (query) => (query.state.data?.deploymentId === deploymentId ? 10_000 : 0),
  });

/** A deployment to create; `seen` is the stage it goes onto (or becomes the canary of) as the operator saw it. */
interface Deploy {
  request: CreateDeploymentRequest;
  seen?: Stage | undefined;
}

/**
 * Creates a deployment of the API's current definition: on its own, or onto / as the canary of the stage
 * the operator saw (checked against that view with If-Match).
 */
export function useDeploy(apiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, seen }: Deploy) =>
      http<Deployment>(`/apis/${encodeURIComponent(apiId)}/deployments`, {
        method: 'POST',
        json: request,
        ...(seen && request.stageName === seen.name ? { ifMatch: seen.etag } : {}),
      }),
    // A new deployment, maybe on a stage or its canary: its drift, verdicts and markers change with it.
    onSuccess: () => queryClient.invalidateQueries(apiKeys.changed(apiId)),
    onError: (error, { seen }) => (seen ? reportIfStale(error, seen) : undefined),
  });
}
