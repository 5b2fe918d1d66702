import type { DeploymentList } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { apiKeys } from '../../apis/index.ts';
import { stageKeys } from '../../stages/index.ts';

export const deploymentKeys = {
  all: (apiId: string) => [...apiKeys.root(apiId), 'deployments'] as const,
  list: (apiId: string) => [...deploymentKeys.all(apiId), 'list'] as const,
  diff: (apiId: string, from: string, to: string, stage?: string) =>
    [...deploymentKeys.all(apiId), 'diff', from, to, stage ?? ''] as const,
  /** Keyed by the deployment the stage runs: a stage moved to another deployment drifts differently. */
  drift: (apiId: string, stage: string, deploymentId?: string) =>
    [...stageKeys.all(apiId), 'drift', stage, ...(deploymentId ? [deploymentId] : [])] as const,
};

export const deploymentListQuery = (apiId: string) =>
  queryOptions({
    queryKey: deploymentKeys.list(apiId),
    queryFn: () => http<DeploymentList>(`/apis/${encodeURIComponent(apiId)}/deployments`),
    // Newest first, whatever order the server keeps them in.
    select: (list) => ({
      items: [...list.items].sort((a, b) => b.createdDate.localeCompare(a.createdDate)),
    }),
  });
