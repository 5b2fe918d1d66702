import { useMutation, useQueryClient } from '@tanstack/react-query';
import { navigate } from 'wouter/use-browser-location';
import { http } from '../../../shared/http.ts';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http<void>('/session', { method: 'DELETE' }),
    onSuccess: () => {
      // Leave the signed-in screens first, so nothing refetches as nobody, then forget their data.
      navigate('/sign-in', { replace: true });
      queryClient.clear();
    },
  });
}
