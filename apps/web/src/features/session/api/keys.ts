import type { SessionInfo, SignInMethods } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';

export const sessionKeys = {
  all: ['session'] as const,
  current: () => [...sessionKeys.all, 'current'] as const,
  methods: () => [...sessionKeys.all, 'methods'] as const,
};

/** Who is signed in. A 401 here means nobody: the shell sends the operator to the sign-in page. */
export const sessionQuery = () =>
  queryOptions({
    queryKey: sessionKeys.current(),
    queryFn: () => http<SessionInfo>('/session'),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** The ways in the sign-in page offers (password, company sign-in); they change only with a restart. */
export const signInMethodsQuery = () =>
  queryOptions({
    queryKey: sessionKeys.methods(),
    queryFn: () => http<SignInMethods>('/session/methods'),
    staleTime: Number.POSITIVE_INFINITY,
  });
