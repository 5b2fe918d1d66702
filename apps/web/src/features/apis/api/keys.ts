import type { ApiDetail, ApiList } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';

export const apiKeys = {
  all: ['apis'] as const,
  list: () => [...apiKeys.all, 'list'] as const,
  detail: (apiId: string) => [...apiKeys.all, 'detail', apiId] as const,
};

export const apiListQuery = () =>
  queryOptions({ queryKey: apiKeys.list(), queryFn: () => http<ApiList>('/apis') });

export const apiDetailQuery = (apiId: string) =>
  queryOptions({
    queryKey: apiKeys.detail(apiId),
    queryFn: () => http<ApiDetail>(`/apis/${encodeURIComponent(apiId)}`),
  });
