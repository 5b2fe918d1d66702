import type { Environment } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';

export const environmentKeys = { all: ['environment'] as const };

/** Where the console points. It changes only when the console restarts with another configuration. */
export const environmentQuery = () =>
  queryOptions({
    queryKey: environmentKeys.all,
    queryFn: () => http<Environment>('/environment'),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** "account 123456789012 in eu-west-1", or just the region while the account is unknown. */
export function whereText(environment: Environment): string {
  return environment.accountId
    ? `account ${environment.accountId} in ${environment.region}`
    : `region ${environment.region}`;
}
