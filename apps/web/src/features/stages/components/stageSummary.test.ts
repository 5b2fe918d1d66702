import type { Stage } from '@gateway-console/contract';
import { describe, expect, it } from 'vitest';
import { stageDifferences } from './StaleStageDialog.tsx';
import { cacheSummary, methodLabel, throttlingSummary } from './stageSummary.ts';

const stage: Stage = {
  apiId: 'a1',
  name: 'prod',
  description: 'prod stage',
  deploymentId: 'd1',
  createdDate: '2026-01-01T00:00:00Z',
  lastUpdatedDate: '2026-01-01T00:00:00Z',
  variables: { version: 'v1' },
  cacheClusterEnabled: true,
  cacheClusterSize: '0.5',
  methodSettings: {
    '*/*': {
      cachingEnabled: true,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      throttlingRateLimit: 100,
      throttlingBurstLimit: 50,
      metricsEnabled: true,
      loggingLevel: 'ERROR',
    },
  },
  canary: { deploymentId: 'd2', percentTraffic: 10, stageVariableOverrides: {}, useStageCache: false },
  accessLog: null,
  invokeUrl: 'https://a1.execute-api.us-east-1.amazonaws.com/prod',
  etag: 'W/"1"',
};

describe('stage summaries', () => {
  it('describe cache and throttling as the Stages table shows them', () => {
    expect(cacheSummary(stage)).toBe('0.5 GB · TTL 300 s');
    expect(cacheSummary({ ...stage, cacheClusterEnabled: false })).toBe('Off');
    expect(throttlingSummary(stage)).toBe('100 req/s · burst 50');
    expect(throttlingSummary({ ...stage, methodSettings: {} })).toBe('Account default');
  });

  it('turn AWS method-settings keys into method and path', () => {
    expect(methodLabel('~1pets~1{petId}/GET')).toBe('/pets/{petId} GET');
    expect(methodLabel('*/*')).toBe('All methods');
  });
});

describe('stageDifferences', () => {
  it('lists only what changed, before and after', () => {
    const now: Stage = {
      ...stage,
      deploymentId: 'd2',
      canary: null,
      variables: { version: 'v2' },
      etag: 'W/"2"',
    };
    expect(stageDifferences(stage, now)).toEqual([
      { field: 'Deployment', before: 'd1', after: 'd2' },
      { field: 'Canary', before: '10 % on d2', after: 'none' },
      { field: 'Stage variables', before: 'version=v1', after: 'version=v2' },
    ]);
    expect(stageDifferences(stage, { ...stage, etag: 'W/"3"' })).toEqual([]);
  });
});
