import { describe, expect, it } from 'vitest';
import { canaryPatch, methodSettingsPath, stageSettingsPatch } from './stage-patch.ts';

describe('stage patch paths', () => {
  it('escapes every / of a method resource path as ~1', () => {
    expect(methodSettingsPath('*/*')).toBe('/*/*');
    expect(methodSettingsPath('/pets/{petId}/GET')).toBe('/~1pets~1{petId}/GET');
    expect(methodSettingsPath('/GET')).toBe('//GET');
  });

  it('maps settings to AWS paths with string values', () => {
    expect(
      stageSettingsPatch({
        variables: { version: 'v2', old: null },
        cacheClusterEnabled: true,
        cacheClusterSize: '1.6',
        methodSettings: { '/pets/{petId}/GET': { cachingEnabled: true, cacheTtlInSeconds: 60 } },
      }),
    ).toEqual([
      { op: 'replace', path: '/variables/version', value: 'v2' },
      { op: 'remove', path: '/variables/old' },
      { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
      { op: 'replace', path: '/cacheClusterSize', value: '1.6' },
      { op: 'replace', path: '/~1pets~1{petId}/GET/caching/enabled', value: 'true' },
      { op: 'replace', path: '/~1pets~1{petId}/GET/caching/ttlInSeconds', value: '60' },
    ]);
  });

  it('adjusting a canary changes only what differs', () => {
    const current = {
      deploymentId: 'd1',
      percentTraffic: 10,
      stageVariableOverrides: {},
      useStageCache: false,
    };
    expect(canaryPatch(current, { percentTraffic: 25, deploymentId: 'd1' })).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '25' },
    ]);
  });
});
