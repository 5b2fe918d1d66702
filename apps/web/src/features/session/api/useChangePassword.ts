import type { ChangePasswordRequest, SessionInfo } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { sessionKeys } from './keys.ts';

/** Changes the signed-in person's own password; the session then no longer asks for a change. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ChangePasswordRequest) =>
      http<void>('/session/password', { method: 'POST', json: request }),
    onSuccess: async () => {
      // Known at once, so the page that follows does not send the person back here.
      queryClient.setQueryData<SessionInfo>(
        sessionKeys.current(),
        (s) => s && { username: s.username, role: s.role },
      );
      await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
    },
  });
}
