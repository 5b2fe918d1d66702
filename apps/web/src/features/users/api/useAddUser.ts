import type { AddUserRequest, TemporaryPassword } from '@gateway-console/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { usersKeys } from './keys.ts';

export function useAddUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AddUserRequest) =>
      http<TemporaryPassword>('/users', { method: 'POST', json: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
