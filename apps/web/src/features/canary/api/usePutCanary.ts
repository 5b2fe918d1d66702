import type { PutCanaryRequest, Stage } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatPercent } from '../../../shared/format.ts';
import { http } from '../../../shared/http.ts';
import { reportIfStale, stageChanged, stageKeys, stagePath } from '../../stages/index.ts';

interface PutCanary {
  request: PutCanaryRequest;
  /** The stage as the operator saw it: its ETag guards the change. */
  seen: Stage;
}

/**
 * Creates or adjusts the stage's canary. Optimistic: the slider shows the new split at once,
 * and goes back to the server's value if the change is refused.
 */
export function usePutCanary(apiId: string, stageName: string) {
  const queryClient = useQueryClient();
  const key = stageKeys.detail(apiId, stageName);
  const put = (request: PutCanaryRequest, etag: string) =>
    http<Stage>(`${stagePath(apiId, stageName)}/canary`, { method: 'PUT', json: request, ifMatch: etag });
  return useMutation({
    mutationFn: ({ request, seen }: PutCanary) => put(request, seen.etag),
    onMutate: async ({ request, seen }) => {
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      const previous = queryClient.getQueryData<Stage>(key);
      if (previous?.canary)
        queryClient.setQueryData<Stage>(key, {
          ...previous,
          canary: { ...previous.canary, percentTraffic: request.percentTraffic },
        });
      return { previous: previous ?? seen };
    },
    onError: (error, { request, seen }, context) => {
      if (context) queryClient.setQueryData(key, context.previous);
      reportIfStale(error, seen, {
        what: `canary traffic ${formatPercent(request.percentTraffic)}`,
        run: (current) =>
          // Done when AWS took it: the views refresh behind the closed dialog.
          put(request, current.etag).then((stage) => {
            void stageChanged(queryClient, apiId, stageName, stage);
          }),
      });
    },
    onSuccess: (stage) => stageChanged(queryClient, apiId, stageName, stage),
  });
}
