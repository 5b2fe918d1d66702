import type { Stage } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { stageChanged, stagePath } from './keys.ts';
import { reportIfStale } from './staleView.ts';

export function useFlushStageCache(seen: Stage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      http<unknown>(`${stagePath(seen.apiId, seen.name)}/cache/flush`, {
        method: 'POST',
        ifMatch: seen.etag,
      }),
    onSuccess: (answer) => stageChanged(queryClient, seen.apiId, seen.name, answer),
    onError: (error) => reportIfStale(error, seen),
  });
}
