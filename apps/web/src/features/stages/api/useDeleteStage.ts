import type { Stage } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import { http } from '../../../shared/http.ts';
import { apiKeys } from '../../apis/index.ts';
import { stageKeys, stagePath } from './keys.ts';
import { reportIfStale } from './staleView.ts';

/** UI state: the stage just deleted, so the API page the operator lands on can confirm it. */
export const useDeletedStage = create<{
  deleted: { apiId: string; name: string } | null;
  clear: () => void;
}>()((set) => ({ deleted: null, clear: () => set({ deleted: null }) }));

/** Deletes the stage the operator saw (admin; If-Match), then forgets it in the query cache. */
export function useDeleteStage(seen: Stage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      http<unknown>(stagePath(seen.apiId, seen.name), { method: 'DELETE', ifMatch: seen.etag }),
    onSuccess: () => {
      useDeletedStage.setState({ deleted: { apiId: seen.apiId, name: seen.name } });
      // Not refetched: the stage is gone, and its page is being left.
      queryClient.removeQueries({ queryKey: stageKeys.detail(seen.apiId, seen.name) });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: stageKeys.list(seen.apiId), exact: true }),
        queryClient.invalidateQueries({ queryKey: apiKeys.list(), exact: true }),
      ]);
    },
    onError: (error) => reportIfStale(error, seen),
  });
}
