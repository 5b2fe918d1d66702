import type { AuditPage, MetricsResponse } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { apiKeys } from '../../apis/index.ts';
import { type DashboardRange, metricsQueryOf, rangeKey } from '../model/range.ts';

/** What a dashboard shows: one stage (base and canary), or the whole API when `stage` is null. */
export interface DashboardScope {
  apiId: string;
  stage: string | null;
}

/** Dashboards refresh themselves this often unless paused. */
export const REFRESH_MS = 60_000;

export const metricsKeys = {
  view: (scope: DashboardScope, range: DashboardRange) =>
    [...apiKeys.root(scope.apiId), 'metrics', scope.stage ?? '*', rangeKey(range)] as const,
  markers: (scope: DashboardScope) => [...apiKeys.root(scope.apiId), 'markers', scope.stage ?? '*'] as const,
};

const metricsPath = ({ apiId, stage }: DashboardScope) =>
  stage === null
    ? `/apis/${encodeURIComponent(apiId)}/metrics`
    : `/apis/${encodeURIComponent(apiId)}/stages/${encodeURIComponent(stage)}/metrics`;

export const metricsQuery = (scope: DashboardScope, range: DashboardRange, paused: boolean) =>
  queryOptions({
    queryKey: metricsKeys.view(scope, range),
    queryFn: ({ signal }) =>
      http<MetricsResponse>(`${metricsPath(scope)}?${metricsQueryOf(range)}`, { signal }),
    // A range that ended a while ago does not change: only one reaching now refreshes.
    refetchInterval:
      paused || (range.kind === 'absolute' && range.to < Date.now() - REFRESH_MS) ? false : REFRESH_MS,
    // The BFF caches for 30 s; asking again sooner would only return the same answer.
    staleTime: 30_000,
    // Keep the previous range's charts up while the next range loads, so the page does not jump.
    placeholderData: (previous) => previous,
  });

/** Operator actions of the last 24 h on this API (or stage): the markers on the time axis. */
export const markersQuery = (scope: DashboardScope, paused: boolean) =>
  queryOptions({
    queryKey: metricsKeys.markers(scope),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({
        apiId: scope.apiId,
        from: new Date(Date.now() - 24 * 3600_000).toISOString(),
        limit: '200',
      });
      if (scope.stage !== null) query.set('stage', scope.stage);
      return http<AuditPage>(`/audit?${query}`, { signal });
    },
    refetchInterval: paused ? false : REFRESH_MS,
    staleTime: 5_000,
  });
