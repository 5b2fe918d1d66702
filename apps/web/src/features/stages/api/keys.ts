import type { Stage, StageList } from '@gateway-console/contract';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { apiKeys } from '../../apis/index.ts';

const stagesPath = (apiId: string) => `/apis/${encodeURIComponent(apiId)}/stages`;
export const stagePath = (apiId: string, stage: string) =>
  `${stagesPath(apiId)}/${encodeURIComponent(stage)}`;

export const stageKeys = {
  all: (apiId: string) => [...apiKeys.root(apiId), 'stages'] as const,
  list: (apiId: string) => [...stageKeys.all(apiId), 'list'] as const,
  detail: (apiId: string, stage: string) => [...stageKeys.all(apiId), 'detail', stage] as const,
};

/**
 * Stage views are live: another operator's change shows within a few seconds, without a reload or a
 * focus. The BFF answers repeated reads from its 2 s cache, so polling does not multiply AWS calls.
 */
export const LIVE_REFRESH_MS = 3000;

export const stageListQuery = (apiId: string) =>
  queryOptions({
    queryKey: stageKeys.list(apiId),
    queryFn: () => http<StageList>(stagesPath(apiId)),
    refetchInterval: LIVE_REFRESH_MS,
  });

export const stageQuery = (apiId: string, stage: string) =>
  queryOptions({
    queryKey: stageKeys.detail(apiId, stage),
    queryFn: () => http<Stage>(stagePath(apiId, stage)),
    refetchInterval: LIVE_REFRESH_MS,
  });

const isStage = (value: unknown): value is Stage =>
  typeof value === 'object' && value !== null && 'etag' in value && 'deploymentId' in value;

/**
 * After a change to one stage: take the stage the BFF answered with (fresh ETag) when it sent one,
 * and refetch that stage and the API's stage list, the two views that show it.
 */
export async function stageChanged(queryClient: QueryClient, apiId: string, stage: string, answer?: unknown) {
  if (isStage(answer)) queryClient.setQueryData(stageKeys.detail(apiId, stage), answer);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: stageKeys.detail(apiId, stage), exact: true }),
    queryClient.invalidateQueries({ queryKey: stageKeys.list(apiId), exact: true }),
  ]);
}
