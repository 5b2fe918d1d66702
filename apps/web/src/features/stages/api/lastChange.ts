import type { AuditPage } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { stageKeys } from './keys.ts';

/**
 * The newest change to this stage that AWS took, from the audit log: who made it, when, what. Keyed by
 * the stage's ETag, so each new version of the stage asks once.
 */
export const lastChangeQuery = (apiId: string, stage: string, etag: string) =>
  queryOptions({
    queryKey: [...stageKeys.all(apiId), 'last-change', stage, etag] as const,
    queryFn: async () => {
      const page = await http<AuditPage>(`/audit?${new URLSearchParams({ apiId, stage, limit: '10' })}`);
      return page.items.find((event) => event.outcome === 'success') ?? null;
    },
    staleTime: 0,
  });
