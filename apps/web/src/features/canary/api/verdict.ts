import type { CanaryVerdict } from '@gateway-console/contract';
import { queryOptions } from '@tanstack/react-query';
import { http } from '../../../shared/http.ts';
import { stageKeys, stagePath } from '../../stages/index.ts';

/** The canary judge for a stage, re-asked every 30 s while the page is open (a minute is CloudWatch's grain). */
export const canaryVerdictQuery = (apiId: string, stage: string) =>
  queryOptions({
    queryKey: [...stageKeys.detail(apiId, stage), 'canary-verdict'] as const,
    queryFn: () => http<CanaryVerdict>(`${stagePath(apiId, stage)}/canary/verdict`),
    refetchInterval: 30_000,
    staleTime: 15_000,
  });
