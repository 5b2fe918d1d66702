import type { PromoteCanaryRequest, PromoteResult, Stage } from '@gateway-console/contract';
import { http } from '../../../shared/http.ts';
import { stagePath, useStageMutation } from '../../stages/index.ts';

/** Promotes the canary: the stage takes the canary's deployment and overrides, then the canary is removed. */
export const usePromoteCanary = (seen: Stage) =>
  useStageMutation(seen, {
    // A reason is sent when the person overrides a failing verdict; the audit log keeps it.
    send: (reason: string | undefined, etag) =>
      http<PromoteResult>(`${stagePath(seen.apiId, seen.name)}/canary/promote`, {
        method: 'POST',
        ifMatch: etag,
        ...(reason ? { json: { reason } satisfies PromoteCanaryRequest } : {}),
      }),
    stageOf: (result) => result?.stage,
  });
