import type { Stage } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { stageChanged } from './keys.ts';
import { reportIfStale } from './staleView.ts';

interface StageMutation<Variables, Answer> {
  /** Sends the change, guarded by the ETag of the stage it is made against (`If-Match`). */
  send: (variables: Variables, etag: string) => Promise<Answer>;
  /** The stage in the BFF's answer, when the answer is not the stage itself. */
  stageOf?: (answer: Answer) => unknown;
  /** When set, a stale view offers to make this change (so worded) again on the stage as it is now. */
  reapplyAs?: (variables: Variables) => string;
}

/**
 * One change to the stage the operator saw: checked against its ETag, the stage's views refreshed
 * after, and a stale view (412) reported in the stale-stage dialog.
 */
export function useStageMutation<Variables = void, Answer = unknown>(
  seen: Stage,
  { send, stageOf, reapplyAs }: StageMutation<Variables, Answer>,
) {
  const queryClient = useQueryClient();
  const changed = (answer: Answer) =>
    stageChanged(queryClient, seen.apiId, seen.name, stageOf ? stageOf(answer) : answer);
  return useMutation({
    mutationFn: (variables: Variables) => send(variables, seen.etag),
    onSuccess: changed,
    onError: (error, variables) =>
      reportIfStale(
        error,
        seen,
        reapplyAs && {
          what: reapplyAs(variables),
          // Done when AWS took it: the views refresh behind the closed dialog.
          run: (current) =>
            send(variables, current.etag).then((answer) => {
              void changed(answer);
            }),
        },
      ),
  });
}
