import { type MethodSetting, parseMethodSettingsKey, type Stage } from '@gateway-console/contract';

/** The stage-wide method settings (`*\/*`), where AWS keeps the stage's default TTL and throttling. */
export const stageDefaults = (stage: Stage): MethodSetting | undefined => stage.methodSettings['*/*'];

export function cacheSummary(stage: Stage): string {
  if (!stage.cacheClusterEnabled) return 'Off';
  const ttl = stageDefaults(stage)?.cacheTtlInSeconds;
  return `${stage.cacheClusterSize ?? '?'} GB${ttl !== undefined ? ` · TTL ${ttl} s` : ''}`;
}

export function throttlingSummary(stage: Stage): string {
  const defaults = stageDefaults(stage);
  if (!defaults || (defaults.throttlingRateLimit < 0 && defaults.throttlingBurstLimit < 0))
    return 'Account default';
  return `${defaults.throttlingRateLimit} req/s · burst ${defaults.throttlingBurstLimit}`;
}

/** A method-settings key as AWS returns it (`~1pets~1{id}/GET`) in the form operators read (`/pets/{id} GET`). */
export function methodLabel(key: string): string {
  if (key === '*/*') return 'All methods';
  const { resourcePath, httpMethod } = parseMethodSettingsKey(key);
  return `${resourcePath} ${httpMethod}`;
}
