import type { Stage, UpdateStageRequest } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { stageChanged, stagePath } from './keys.ts';
import { reportIfStale } from './staleView.ts';

/** PATCH the stage's settings (cache, TTL, throttling, variables), checked against the state the operator saw. */
export function useUpdateStage(seen: Stage) {
  const queryClient = useQueryClient();
  const patch = (changes: UpdateStageRequest, etag: string) =>
    http<Stage>(stagePath(seen.apiId, seen.name), { method: 'PATCH', json: changes, ifMatch: etag });
  return useMutation({
    mutationFn: (changes: UpdateStageRequest) => patch(changes, seen.etag),
    onSuccess: (stage) => stageChanged(queryClient, seen.apiId, seen.name, stage),
    onError: (error, changes) =>
      reportIfStale(error, seen, {
        what: 'your settings change',
        run: (current) =>
          // Done when AWS took it: the views refresh behind the closed dialog.
          patch(changes, current.etag).then((stage) => {
            void stageChanged(queryClient, seen.apiId, seen.name, stage);
          }),
      }),
  });
}
