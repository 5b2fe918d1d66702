import type { SessionInfo, SignInRequest } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { sessionKeys } from './keys.ts';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: SignInRequest) =>
      http<SessionInfo>('/session', { method: 'POST', json: credentials }),
    onSuccess: (session) => {
      // Whatever was cached belonged to whoever was signed in before.
      queryClient.removeQueries();
      queryClient.setQueryData(sessionKeys.current(), session);
    },
  });
}
