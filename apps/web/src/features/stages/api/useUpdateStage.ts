import type { Stage, UpdateStageRequest } from '@gateway-console/contract';
import { http } from '../../../shared/http.ts';
import { stagePath } from './keys.ts';
import { useStageMutation } from './useStageMutation.ts';

/** PATCH the stage's settings (cache, TTL, throttling, variables), checked against the state the operator saw. */
export const useUpdateStage = (seen: Stage) =>
  useStageMutation(seen, {
    send: (changes: UpdateStageRequest, etag) =>
      http<Stage>(stagePath(seen.apiId, seen.name), { method: 'PATCH', json: changes, ifMatch: etag }),
    reapplyAs: () => 'your settings change',
  });
