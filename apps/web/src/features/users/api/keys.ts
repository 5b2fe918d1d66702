import type { UserList } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';

export const usersKeys = {
  all: ['users'] as const,
  list: () => [...usersKeys.all, 'list'] as const,
};

/** Everyone who may sign in (admins only). */
export const usersQuery = () =>
  queryOptions({ queryKey: usersKeys.list(), queryFn: () => http<UserList>('/users') });
