import type {
  MetricRange,
  PutAccessLogRequest,
  RequestsResponse,
  Stage,
  StatusCodesResponse,
  StatusFilter,
} from '@gateway-console/contract';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { apiKeys } from '../../apis/index.ts';
import { reportIfStale, stageKeys, stagePath } from '../../stages/index.ts';

/** Status codes refresh with the dashboards. */
const REFRESH_MS = 60_000;

export const statusCodesKeys = {
  /** One stage's, or with '*' every logged stage's of the API. */
  all: (apiId: string, stage: string) => [...apiKeys.root(apiId), 'status-codes', stage] as const,
  series: (apiId: string, stage: string, range: MetricRange, etag: string) =>
    [...statusCodesKeys.all(apiId, stage), 'series', range, etag] as const,
  api: (apiId: string, range: MetricRange) => [...statusCodesKeys.all(apiId, '*'), range] as const,
  requests: (apiId: string, stage: string, range: MetricRange, status: StatusFilter, etag: string) =>
    [...statusCodesKeys.all(apiId, stage), 'requests', range, String(status), etag] as const,
};

/** The stage's requests by status and side; keyed by the stage's ETag, so turning logging on shows at once. */
export const statusCodesQuery = (stage: Stage, range: MetricRange, paused: boolean) =>
  queryOptions({
    queryKey: statusCodesKeys.series(stage.apiId, stage.name, range, stage.etag),
    queryFn: ({ signal }) =>
      http<StatusCodesResponse>(`${stagePath(stage.apiId, stage.name)}/status-codes?range=${range}`, {
        signal,
      }),
    refetchInterval: paused ? false : REFRESH_MS,
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });

/** Every stage of the API with access logs, by status and side. */
export const apiStatusCodesQuery = (apiId: string, range: MetricRange, paused: boolean) =>
  queryOptions({
    queryKey: statusCodesKeys.api(apiId, range),
    queryFn: ({ signal }) =>
      http<StatusCodesResponse>(`/apis/${encodeURIComponent(apiId)}/status-codes?range=${range}`, { signal }),
    refetchInterval: paused ? false : REFRESH_MS,
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });

/** The stage's recent requests of one status (or family), newest first. */
export const requestsQuery = (stage: Stage, range: MetricRange, status: StatusFilter, paused: boolean) =>
  queryOptions({
    queryKey: statusCodesKeys.requests(stage.apiId, stage.name, range, status, stage.etag),
    queryFn: ({ signal }) =>
      http<RequestsResponse>(
        `${stagePath(stage.apiId, stage.name)}/requests?${new URLSearchParams({ range, status: String(status), limit: '25' })}`,
        { signal },
      ),
    refetchInterval: paused ? false : REFRESH_MS,
    staleTime: 5_000,
    placeholderData: (previous) => previous,
  });

/** Turns the stage's access logging on or off, against the state the operator saw. */
export function useSetAccessLog(seen: Stage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PutAccessLogRequest) =>
      http<Stage>(`${stagePath(seen.apiId, seen.name)}/access-log`, {
        method: 'PUT',
        json: request,
        ifMatch: seen.etag,
      }),
    // The stage, its status codes and the API's (which stages they add up) all change.
    onSuccess: async (stage) => {
      queryClient.setQueryData(stageKeys.detail(seen.apiId, seen.name), stage);
      await queryClient.invalidateQueries({ queryKey: apiKeys.root(seen.apiId) });
    },
    onError: (error) => reportIfStale(error, seen),
  });
}
