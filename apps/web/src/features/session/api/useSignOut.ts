import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http<void>('/session', { method: 'DELETE' }),
    onSuccess: () => queryClient.removeQueries(),
  });
}
