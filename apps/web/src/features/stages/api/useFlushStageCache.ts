import type { Stage } from '@gateway-console/contract';
import { http } from '../../../shared/http.ts';
import { stagePath } from './keys.ts';
import { useStageMutation } from './useStageMutation.ts';

/** Empties the stage's cache (FlushStageCache), checked against the state the operator saw. */
export const useFlushStageCache = (seen: Stage) =>
  useStageMutation(seen, {
    send: (_, etag) =>
      http<unknown>(`${stagePath(seen.apiId, seen.name)}/cache/flush`, { method: 'POST', ifMatch: etag }),
  });
