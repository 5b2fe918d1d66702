import type { DeploymentList } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';

export const deploymentKeys = {
  list: (apiId: string) => ['apis', apiId, 'deployments'] as const,
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
