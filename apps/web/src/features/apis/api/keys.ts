import type { ApiDetail, ApiList, ApiOverviewList } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';

export const apiKeys = {
  /** The views across APIs: the list and its overview rows. */
  all: ['apis'] as const,
  list: () => [...apiKeys.all, 'list'] as const,
  overview: (apiIds: readonly string[]) => [...apiKeys.all, 'overview', apiIds.join(',')] as const,
  /**
   * Everything cached about one API starts here (its detail, stages, deployments, verdicts, metrics,
   * rollouts, status codes): invalidating the root refreshes all of it.
   */
  root: (apiId: string) => ['api', apiId] as const,
  detail: (apiId: string) => [...apiKeys.root(apiId), 'detail'] as const,
};

export const apiListQuery = () =>
  queryOptions({ queryKey: apiKeys.list(), queryFn: () => http<ApiList>('/apis') });

export const apiDetailQuery = (apiId: string) =>
  queryOptions({
    queryKey: apiKeys.detail(apiId),
    queryFn: () => http<ApiDetail>(`/apis/${encodeURIComponent(apiId)}`),
  });

/** Stage counts and canaries of a few listed APIs (at most MAX_OVERVIEW_APIS): the rows on screen. */
export const apiOverviewQuery = (apiIds: readonly string[]) =>
  queryOptions({
    queryKey: apiKeys.overview(apiIds),
    queryFn: () => http<ApiOverviewList>(`/apis/overview?ids=${apiIds.map(encodeURIComponent).join(',')}`),
    // Each row costs the account a GetStages: looked up again only after a while.
    staleTime: 60_000,
  });
