import { useMutation, useQueryClient } from '@tanstack/react-query';
import { navigate } from 'wouter/use-browser-location';
import { http } from '../../../shared/http.ts';

/** Signs out here, or with `everywhere`, every session of this user (other browsers, other machines). */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: { everywhere?: boolean } = {}) =>
      http<void>(options.everywhere ? '/session?all=true' : '/session', { method: 'DELETE' }),
    onSuccess: () => {
      // Leave the signed-in screens first, so nothing refetches as nobody, then forget their data.
      navigate('/sign-in', { replace: true });
      queryClient.clear();
    },
  });
}
