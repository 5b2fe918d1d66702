import type { Stage } from '@gateway-console/contract';
import { describe, expect, it } from 'vitest';
import { stageETag } from './gateway.ts';

const stage: Omit<Stage, 'etag'> = {
  apiId: 'a1',
  name: 'prod',
  description: '',
  deploymentId: 'd1',
  createdDate: '2026-11-29T00:00:00.000Z',
  lastUpdatedDate: '2026-11-29T00:00:00.000Z',
  variables: {},
  cacheClusterEnabled: true,
  cacheClusterSize: '1.6',
  cacheClusterStatus: 'CREATE_IN_PROGRESS',
  methodSettings: {},
  canary: null,
  accessLog: null,
  invokeUrl: 'http://127.0.0.1/prod',
};

describe('stageETag', () => {
  it('stays the same while AWS provisions the cache cluster, so the view does not turn stale by itself', () => {
    expect(stageETag({ ...stage, cacheClusterStatus: 'AVAILABLE' })).toBe(stageETag(stage));
  });

  it('changes when a setting changes', () => {
    expect(stageETag({ ...stage, cacheClusterSize: '6.1' })).not.toBe(stageETag(stage));
    expect(stageETag({ ...stage, deploymentId: 'd2' })).not.toBe(stageETag(stage));
  });
});
