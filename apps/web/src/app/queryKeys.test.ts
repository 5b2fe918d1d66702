import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { apiKeys } from '../features/apis/index.ts';
import { canaryVerdictQuery, stageVerdictsQuery } from '../features/canary/api/verdict.ts';
import { deploymentKeys } from '../features/deployments/index.ts';
import { metricsKeys } from '../features/metrics/api/queries.ts';
import { rolloutKeys } from '../features/rollouts/api/rollouts.ts';
import { lastChangeQuery } from '../features/stages/api/lastChange.ts';
import { stageKeys } from '../features/stages/index.ts';
import { statusCodesKeys } from '../features/statusCodes/api/queries.ts';

describe('query keys of one API', () => {
  const scope = { apiId: 'a1', stage: 'prod' };
  const range = { kind: 'fixed', range: '1h' } as const;
  const keysOf = (apiId: string) => [
    apiKeys.detail(apiId),
    stageKeys.list(apiId),
    stageKeys.detail(apiId, 'prod'),
    lastChangeQuery(apiId, 'prod', '"e1"').queryKey,
    deploymentKeys.list(apiId),
    deploymentKeys.diff(apiId, 'd1', 'd2'),
    deploymentKeys.drift(apiId, 'prod', 'd1'),
    canaryVerdictQuery(apiId, 'prod').queryKey,
    stageVerdictsQuery(apiId).queryKey,
    rolloutKeys.stage(apiId, 'prod'),
    metricsKeys.view({ ...scope, apiId }, range),
    metricsKeys.markers({ apiId, stage: null }),
    statusCodesKeys.series(apiId, 'prod', '1h', '"e1"'),
    statusCodesKeys.api(apiId, '1h'),
  ];

  it('are all refreshed by one invalidation of the API root, and no other API is', async () => {
    const client = new QueryClient();
    for (const key of [...keysOf('a1'), ...keysOf('a2'), apiKeys.list()]) client.setQueryData(key, {});
    await client.invalidateQueries({ queryKey: apiKeys.root('a1') });
    const invalidated = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(keysOf('a1').filter((key) => !invalidated(key))).toEqual([]);
    expect([...keysOf('a2'), apiKeys.list()].filter(invalidated)).toEqual([]);
  });

  it('after a change, everything of the API but its CloudWatch reads (metrics, status codes) is refreshed', async () => {
    const client = new QueryClient();
    for (const key of [...keysOf('a1'), ...keysOf('a2')]) client.setQueryData(key, {});
    await client.invalidateQueries(apiKeys.changed('a1'));
    const invalidated = (key: readonly unknown[]) => !!client.getQueryState(key)?.isInvalidated;
    const cloudWatch = (key: readonly unknown[]) => key[2] === 'metrics' || key[2] === 'status-codes';
    const refreshed = keysOf('a1').filter(invalidated);
    expect(refreshed).toEqual(keysOf('a1').filter((key) => !cloudWatch(key)));
    expect(keysOf('a1').filter(cloudWatch).length).toBeGreaterThan(0);
    expect(keysOf('a2').filter(invalidated)).toEqual([]);
  });
});
