import type { UpdateUserRequest, UpdateUserResponse } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { usersKeys } from './keys.ts';

/** Role, disabled, or a password reset of one user. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, change }: { username: string; change: UpdateUserRequest }) =>
      http<UpdateUserResponse>(`/users/${encodeURIComponent(username)}`, { method: 'PATCH', json: change }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
