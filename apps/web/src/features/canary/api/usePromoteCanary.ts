import type { PromoteCanaryRequest, PromoteResult, Stage } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { reportIfStale, stageChanged, stagePath } from '../../stages/index.ts';

/** Promotes the canary: the stage takes the canary's deployment and overrides, then the canary is removed. */
export function usePromoteCanary(seen: Stage) {
  const queryClient = useQueryClient();
  return useMutation({
    // A reason is sent when the person overrides a failing verdict; the audit log keeps it.
    mutationFn: (reason?: string) =>
      http<PromoteResult>(`${stagePath(seen.apiId, seen.name)}/canary/promote`, {
        method: 'POST',
        ifMatch: seen.etag,
        ...(reason ? { json: { reason } satisfies PromoteCanaryRequest } : {}),
      }),
    onSuccess: (result) => stageChanged(queryClient, seen.apiId, seen.name, result?.stage),
    onError: (error) => reportIfStale(error, seen),
  });
}
