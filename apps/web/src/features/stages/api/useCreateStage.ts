import type { CreateStageRequest, Stage } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { apiKeys } from '../../apis/index.ts';
import { stageKeys } from './keys.ts';

export function useCreateStage(apiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateStageRequest) =>
      http<Stage>(`/apis/${encodeURIComponent(apiId)}/stages`, { method: 'POST', json: request }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: stageKeys.list(apiId), exact: true }),
        // The APIs table shows each API's stage count.
        queryClient.invalidateQueries({ queryKey: apiKeys.list(), exact: true }),
      ]),
  });
}
