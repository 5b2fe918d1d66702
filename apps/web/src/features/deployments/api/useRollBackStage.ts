import type { RollbackRequest, Stage } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { reportIfStale, stageChanged, stagePath } from '../../stages/index.ts';

/** Points the stage at an earlier deployment. */
export function useRollBackStage(seen: Stage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RollbackRequest) =>
      http<unknown>(`${stagePath(seen.apiId, seen.name)}/rollback`, {
        method: 'POST',
        json: request,
        ifMatch: seen.etag,
      }),
    onSuccess: (answer) => stageChanged(queryClient, seen.apiId, seen.name, answer),
    onError: (error) => reportIfStale(error, seen),
  });
}
