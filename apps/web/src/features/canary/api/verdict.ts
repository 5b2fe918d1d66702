import type { CanaryVerdict, StageVerdicts } from '@gateway-console/contract';
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

/** The judge on every canary stage of an API: one BFF call (and one GetMetricData) for the API page. */
export const stageVerdictsQuery = (apiId: string) =>
  queryOptions({
    queryKey: [...stageKeys.all(apiId), 'canary-verdicts'] as const,
    queryFn: () => http<StageVerdicts>(`/apis/${encodeURIComponent(apiId)}/canary/verdicts`),
    refetchInterval: 30_000,
    staleTime: 15_000,
  });
