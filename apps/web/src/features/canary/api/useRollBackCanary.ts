import type { Stage } from '@gateway-console/contract';
import { http } from '../../../shared/http.ts';
import { stagePath, useStageMutation } from '../../stages/index.ts';

/** Removes the canary: every request goes back to the stage's own deployment. */
export const useRollBackCanary = (seen: Stage) =>
  useStageMutation(seen, {
    send: (_, etag) =>
      http<unknown>(`${stagePath(seen.apiId, seen.name)}/canary`, { method: 'DELETE', ifMatch: etag }),
  });
