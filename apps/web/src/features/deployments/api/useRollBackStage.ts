import type { RollbackRequest, Stage } from '@gateway-console/contract';
import { http } from '../../../shared/http.ts';
import { stagePath, useStageMutation } from '../../stages/index.ts';

/** Points the stage at an earlier deployment. */
export const useRollBackStage = (seen: Stage) =>
  useStageMutation(seen, {
    send: (request: RollbackRequest, etag) =>
      http<unknown>(`${stagePath(seen.apiId, seen.name)}/rollback`, {
        method: 'POST',
        json: request,
        ifMatch: etag,
      }),
  });
