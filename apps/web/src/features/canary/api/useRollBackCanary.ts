import type { Stage } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { reportIfStale, stageChanged, stagePath } from '../../stages/index.ts';

/** Removes the canary: every request goes back to the stage's own deployment. */
export function useRollBackCanary(seen: Stage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      http<unknown>(`${stagePath(seen.apiId, seen.name)}/canary`, { method: 'DELETE', ifMatch: seen.etag }),
    onSuccess: (answer) => stageChanged(queryClient, seen.apiId, seen.name, answer),
    onError: (error) => reportIfStale(error, seen),
  });
}
