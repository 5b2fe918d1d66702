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
import { reportIfStale, stageChanged, stagePath } from '../../stages/index.ts';

/** Status codes refresh with the dashboards. */
const REFRESH_MS = 60_000;

export const statusCodesKeys = {
  all: (apiId: string, stage: string) => ['status-codes', apiId, stage] as const,
  series: (apiId: string, stage: string, range: MetricRange, etag: string) =>
    [...statusCodesKeys.all(apiId, stage), 'series', range, etag] as const,
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
    queryKey: ['status-codes', apiId, '*', range] as const,
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
    onSuccess: async (stage) => {
      await stageChanged(queryClient, seen.apiId, seen.name, stage);
      await queryClient.invalidateQueries({ queryKey: statusCodesKeys.all(seen.apiId, seen.name) });
    },
    onError: (error) => reportIfStale(error, seen),
  });
}
