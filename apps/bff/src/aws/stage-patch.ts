import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import {
  type Canary,
  escapePointerSegment,
  type MethodSettingPatch,
  methodSettingsKey,
  type PutCanaryRequest,
  type UpdateStageRequest,
} from '@gateway-console/contract';

/**
 * The patch-path prefix of a method-settings key: `*\/*` for the whole stage, and for one method
 * `/pets/{petId}/GET` → `/~1pets~1{petId}/GET` (every `/` of the resource path escaped).
 */
export function methodSettingsPath(key: string): string {
  if (key === '*/*') return '/*/*';
  const slash = key.lastIndexOf('/');
  return `/${methodSettingsKey(key.slice(0, slash), key.slice(slash + 1))}`;
}

const methodSettingPaths: Record<keyof MethodSettingPatch, string> = {
  cachingEnabled: 'caching/enabled',
  cacheTtlInSeconds: 'caching/ttlInSeconds',
  cacheDataEncrypted: 'caching/dataEncrypted',
  throttlingRateLimit: 'throttling/rateLimit',
  throttlingBurstLimit: 'throttling/burstLimit',
  metricsEnabled: 'metrics/enabled',
  loggingLevel: 'logging/loglevel',
};

// UpdateStage takes every value as a string.
const replace = (path: string, value: string | number | boolean): PatchOperation => ({
  op: 'replace',
  path,
  value: String(value),
});

/** The UpdateStage operations for a settings change. */
export function stageSettingsPatch(change: UpdateStageRequest): PatchOperation[] {
  const ops: PatchOperation[] = [];
  if (change.description !== undefined) ops.push(replace('/description', change.description));
  for (const [name, value] of Object.entries(change.variables ?? {})) {
    const path = `/variables/${escapePointerSegment(name)}`;
    ops.push(value === null ? { op: 'remove', path } : replace(path, value));
  }
  if (change.cacheClusterEnabled !== undefined)
    ops.push(replace('/cacheClusterEnabled', change.cacheClusterEnabled));
  if (change.cacheClusterSize !== undefined) ops.push(replace('/cacheClusterSize', change.cacheClusterSize));
  for (const [key, settings] of Object.entries(change.methodSettings ?? {})) {
    const prefix = methodSettingsPath(key);
    for (const [field, value] of Object.entries(settings) as [
      keyof MethodSettingPatch,
      string | number | boolean,
    ][]) {
      if (value !== undefined) ops.push(replace(`${prefix}/${methodSettingPaths[field]}`, value));
    }
  }
  return ops;
}

/** Operations that create a canary (replacing on a stage without one creates it) or adjust the existing one. */
export function canaryPatch(current: Canary | null, change: PutCanaryRequest): PatchOperation[] {
  const ops: PatchOperation[] = [];
  if (change.deploymentId !== undefined && change.deploymentId !== current?.deploymentId) {
    ops.push(replace('/canarySettings/deploymentId', change.deploymentId));
  }
  if (change.percentTraffic !== current?.percentTraffic || !current) {
    ops.push(replace('/canarySettings/percentTraffic', change.percentTraffic));
  }
  if (change.useStageCache !== undefined && change.useStageCache !== current?.useStageCache) {
    ops.push(replace('/canarySettings/useStageCache', change.useStageCache));
  }
  for (const [name, value] of Object.entries(change.stageVariableOverrides ?? {})) {
    const path = `/canarySettings/stageVariableOverrides/${escapePointerSegment(name)}`;
    if (value === null) {
      // AWS refuses to remove an override that is not there.
      if (current && name in current.stageVariableOverrides) ops.push({ op: 'remove', path });
    } else if (current?.stageVariableOverrides[name] !== value) ops.push(replace(path, value));
  }
  return ops;
}

/** AWS's promotion, step by step: the stage takes the canary's deployment and variables, and the canary goes to 0 %. */
export function promotionSteps(canary: Canary): { step: string; operation: PatchOperation | undefined }[] {
  const hasOverrides = Object.keys(canary.stageVariableOverrides).length > 0;
  return [
    {
      step: 'Stage takes the canary deployment',
      operation: { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    },
    {
      step: 'Stage takes the canary variable overrides',
      // Nothing to copy: AWS would refuse a copy from a path that does not exist.
      operation: hasOverrides
        ? { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' }
        : undefined,
    },
    { step: 'Canary traffic set to 0 %', operation: replace('/canarySettings/percentTraffic', '0.0') },
  ];
}

/** Removes the canary settings: after a promotion, or to roll the canary back. */
export const removeCanary: PatchOperation = { op: 'remove', path: '/canarySettings' };
