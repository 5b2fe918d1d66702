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
  /**
   * What a change to the API refreshes: everything under its root but its CloudWatch reads (metrics and
   * Logs Insights cost per call, and refresh on their own).
   */
  changed: (apiId: string) => ({
    queryKey: apiKeys.root(apiId),
    predicate: (query: { queryKey: readonly unknown[] }) => !CLOUDWATCH_READS.has(String(query.queryKey[2])),
  }),
};

/** The keys under an API's root whose reads CloudWatch bills: metrics and status codes. */
const CLOUDWATCH_READS = new Set(['metrics', 'status-codes']);

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
