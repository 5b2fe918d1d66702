import type { AuditPage } from '@gateway-console/contract';
import { infiniteQueryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';

export interface AuditFilters {
  apiId?: string;
  stage?: string;
  actor?: string;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
};

export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '50' });
      for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
      if (pageParam) params.set('cursor', pageParam);
      return http<AuditPage>(`/audit?${params}`);
    },
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // The log grows while the operator reads it.
    staleTime: 0,
  });
