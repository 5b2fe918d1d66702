import type { CanarySettings, MethodSetting, PatchOperation } from '@aws-sdk/client-api-gateway';
import { logGroupOfArn } from '../dataplane/access-log.ts';
import type { RestApiRecord, StageRecord } from '../state.ts';
import { badRequest } from './errors.ts';

/** The cache sizes (GB) API Gateway offers. */
export const CACHE_CLUSTER_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;
export const MAX_CACHE_TTL_SECONDS = 3600;
export const DEFAULT_CACHE_TTL_SECONDS = 300;
const LOGGING_LEVELS = ['OFF', 'ERROR', 'INFO'];
const CACHE_CONTROL_STRATEGIES = [
  'FAIL_WITH_403',
  'SUCCEED_WITH_RESPONSE_HEADER',
  'SUCCEED_WITHOUT_RESPONSE_HEADER',
];
const STAGE_VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
const STAGE_VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/;

/** What a method setting is before anyone touched it: the account defaults. */
export const DEFAULT_METHOD_SETTING: Readonly<MethodSetting> = {
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: DEFAULT_CACHE_TTL_SECONDS,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};

const VALID_PATHS =
  '/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /tracingEnabled, /variables/{variable_name}, ' +
  '/{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, ' +
  '/{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit, ' +
  '/{resourcePath}/{httpMethod}/throttling/rateLimit, /{resourcePath}/{httpMethod}/caching/ttlInSeconds, ' +
  '/{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, ' +
  '/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, ' +
  '/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/…, ' +
  '/canarySettings, /canarySettings/percentTraffic, /canarySettings/deploymentId, ' +
  '/canarySettings/useStageCache, /canarySettings/stageVariableOverrides/{variable_name}, ' +
  '/accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format';

const invalidPath = (path: string) =>
  badRequest(`Invalid patch path: ${path}. Must be one of: [${VALID_PATHS}]`);
const invalidOp = (op: string, path: string) => badRequest(`Invalid ${op} operation with path: ${path}`);

function parseBoolean(value: string | undefined, path: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`Invalid value for ${path}: expected "true" or "false", got "${value ?? ''}"`);
}

function parseNumber(
  value: string | undefined,
  path: string,
  min: number,
  max: number,
  integer: boolean,
): number {
  const n = Number(value);
  if (
    value === undefined ||
    value.trim() === '' ||
    !Number.isFinite(n) ||
    (integer && !Number.isInteger(n))
  ) {
    throw badRequest(
      `Unable to parse value "${value ?? ''}" for ${path}: expected ${integer ? 'an integer' : 'a number'}`,
    );
  }
  if (n < min || n > max)
    throw badRequest(`Invalid value for ${path}: ${value} must be between ${min} and ${max}`);
  return n;
}

function required(value: string | undefined, path: string): string {
  if (value === undefined) throw badRequest(`Missing value for ${path}`);
  return value;
}

// AWS's wording (BadRequestException), with the characters its API reference documents.
function setVariable(target: Record<string, string>, name: string, value: string | undefined, path: string) {
  if (!STAGE_VARIABLE_NAME.test(name) || name.length > 64) {
    throw badRequest(`Invalid stage variable name: ${name}.  Please use names with only word characters.`);
  }
  const v = required(value, path);
  if (v.length > 512 || !STAGE_VARIABLE_VALUE.test(v)) {
    throw badRequest(
      `Invalid stage variable value: ${v}.  Please use values with alphanumeric characters and the symbols '-', '.', '_', '~', ':', '/', '?', '#', '&', '=', and ','.`,
    );
  }
  target[name] = v;
}

/** Validates stage variables given as a whole map (CreateStage, CreateDeployment). */
export function validatedVariables(variables: Record<string, string> | undefined, what = 'variables') {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables ?? {}))
    setVariable(result, name, value, `/${what}/${name}`);
  return result;
}

export function validatedCacheClusterSize(size: string | undefined): string | undefined {
  if (size === undefined) return undefined;
  if (!(CACHE_CLUSTER_SIZES as readonly string[]).includes(size)) {
    throw badRequest(
      `Invalid cache cluster size "${size}". Must be one of: ${CACHE_CLUSTER_SIZES.join(', ')}`,
    );
  }
  return size;
}

export function validatedPercentTraffic(percent: number | undefined): number {
  const p = percent ?? 0;
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) {
    throw badRequest(`Invalid canary percentTraffic ${percent}: must be between 0.0 and 100.0`);
  }
  return p;
}

const decodeResourcePath = (segment: string) => segment.replaceAll('~1', '/');

/** Applies one method-setting operation: `/{~1escaped path or *}/{METHOD or *}/{group}/{setting}`. */
function patchMethodSetting(stage: StageRecord, op: string, path: string, value: string | undefined) {
  const parts = path.split('/').slice(1);
  const [resourcePath, httpMethod, group, setting] = parts;
  if (!resourcePath || !httpMethod || parts.length > 4) throw invalidPath(path);
  if (resourcePath !== '*' && !decodeResourcePath(resourcePath).startsWith('/')) throw invalidPath(path);
  if (httpMethod !== '*' && !/^[A-Z]+$/.test(httpMethod)) throw invalidPath(path);
  const key = `${resourcePath}/${httpMethod}`;

  if (parts.length === 2) {
    if (op !== 'remove') throw invalidOp(op, path);
    if (!stage.methodSettings[key]) {
      throw badRequest(
        `Cannot remove method setting ${key} because there is no method setting for this method `,
      );
    }
    delete stage.methodSettings[key];
    return;
  }
  if (!group || !setting) throw invalidPath(path);
  if (op !== 'replace') throw invalidOp(op, path);

  // A method's own setting starts from the stage-wide one, as on AWS.
  const current: MethodSetting = stage.methodSettings[key] ?? {
    ...DEFAULT_METHOD_SETTING,
    ...(key === '*/*' ? {} : stage.methodSettings['*/*']),
  };
  const next = { ...current };
  switch (`${group}/${setting}`) {
    case 'metrics/enabled':
      next.metricsEnabled = parseBoolean(value, path);
      break;
    case 'logging/loglevel': {
      const level = required(value, path);
      if (!LOGGING_LEVELS.includes(level)) {
        throw badRequest(`Invalid logging level "${level}". Must be one of: ${LOGGING_LEVELS.join(', ')}`);
      }
      next.loggingLevel = level;
      break;
    }
    case 'logging/dataTrace':
      next.dataTraceEnabled = parseBoolean(value, path);
      break;
    case 'throttling/rateLimit':
      next.throttlingRateLimit = parseNumber(value, path, 0, 10000, false);
      break;
    case 'throttling/burstLimit':
      next.throttlingBurstLimit = parseNumber(value, path, 0, 5000, true);
      break;
    case 'caching/enabled':
      next.cachingEnabled = parseBoolean(value, path);
      break;
    case 'caching/ttlInSeconds':
      next.cacheTtlInSeconds = parseNumber(value, path, 0, MAX_CACHE_TTL_SECONDS, true);
      break;
    case 'caching/dataEncrypted':
      next.cacheDataEncrypted = parseBoolean(value, path);
      break;
    case 'caching/requireAuthorizationForCacheControl':
      next.requireAuthorizationForCacheControl = parseBoolean(value, path);
      break;
    case 'caching/unauthorizedCacheControlHeaderStrategy': {
      const strategy = required(value, path);
      if (!CACHE_CONTROL_STRATEGIES.includes(strategy)) {
        throw badRequest(
          `Invalid unauthorizedCacheControlHeaderStrategy "${strategy}". Must be one of: ${CACHE_CONTROL_STRATEGIES.join(', ')}`,
        );
      }
      next.unauthorizedCacheControlHeaderStrategy =
        strategy as MethodSetting['unauthorizedCacheControlHeaderStrategy'];
      break;
    }
    default:
      throw invalidPath(path);
  }
  stage.methodSettings[key] = next;
}

/** Canary settings operations; a replace on a stage without a canary creates one at 0 %. */
function patchCanary(
  stage: StageRecord,
  api: RestApiRecord,
  op: string,
  path: string,
  value: string | undefined,
) {
  const sub = path.slice('/canarySettings'.length);
  if (sub === '') {
    if (op !== 'remove') throw invalidOp(op, path);
    if (!stage.canarySettings) {
      throw badRequest(
        'Cannot remove method setting canarySettings because there is no method setting for this method ',
      );
    }
    stage.canarySettings = undefined;
    return;
  }
  const canary: CanarySettings = stage.canarySettings ?? {
    deploymentId: stage.deploymentId,
    percentTraffic: 0,
    useStageCache: false,
  };
  const overridePrefix = '/stageVariableOverrides/';
  if (sub.startsWith(overridePrefix)) {
    const name = sub.slice(overridePrefix.length);
    const overrides = { ...canary.stageVariableOverrides };
    if (op === 'remove') {
      if (!stage.canarySettings || !(name in overrides)) {
        throw badRequest(
          `Cannot remove method setting canarySettings/stageVariableOverrides/${name} because there is no method setting for this method `,
        );
      }
      delete overrides[name];
    } else if (op === 'replace' || op === 'add') {
      setVariable(overrides, name, value, path);
    } else {
      throw invalidOp(op, path);
    }
    canary.stageVariableOverrides = Object.keys(overrides).length ? overrides : undefined;
    stage.canarySettings = canary;
    return;
  }
  if (op === 'remove' && !stage.canarySettings) {
    throw badRequest(
      `Cannot remove method setting canarySettings${sub} because there is no method setting for this method `,
    );
  }
  if (op !== 'replace') throw invalidOp(op, path);
  switch (sub) {
    case '/percentTraffic':
      canary.percentTraffic = parseNumber(value, path, 0, 100, false);
      break;
    case '/deploymentId': {
      const id = required(value, path);
      if (!api.deployments.has(id)) throw badRequest(`Deployment id ${id} does not exist`);
      canary.deploymentId = id;
      break;
    }
    case '/useStageCache':
      canary.useStageCache = parseBoolean(value, path);
      break;
    default:
      throw invalidPath(path);
  }
  stage.canarySettings = canary;
}

/** Access logging: `replace` the destination or format, `remove /accessLogSettings` to turn it off. */
function patchAccessLog(stage: StageRecord, op: string, path: string, value: string | undefined) {
  if (path === '/accessLogSettings') {
    if (op !== 'remove') throw invalidOp(op, path);
    stage.accessLogSettings = undefined;
    return;
  }
  if (op !== 'replace') throw invalidOp(op, path);
  const settings = { ...stage.accessLogSettings };
  if (path === '/accessLogSettings/destinationArn') {
    const arn = required(value, path);
    if (!logGroupOfArn(arn)) {
      throw badRequest(
        `Invalid ARN specified in the request: ${arn}. The destination ARN must be a CloudWatch Logs log group ARN (arn:aws:logs:{region}:{account}:log-group:{name})`,
      );
    }
    settings.destinationArn = arn;
  } else if (path === '/accessLogSettings/format') {
    const format = required(value, path);
    if (format.length > 10_000) throw badRequest('Access Log format must be at most 10,000 characters');
    settings.format = format;
  } else {
    throw invalidPath(path);
  }
  stage.accessLogSettings = settings;
}

/** AWS checks the finished settings: a format that names the request, and somewhere to send it. */
function checkAccessLog(stage: StageRecord) {
  const settings = stage.accessLogSettings;
  if (!settings) return;
  if (!settings.format || !/\$context\.(requestId|extendedRequestId)\b/.test(settings.format)) {
    throw badRequest(
      'Access Log format must contain either $context.requestId or $context.extendedRequestId',
    );
  }
  if (!settings.destinationArn) throw badRequest('Access Log destination ARN must be specified');
}

/** `copy` exists only for promotion: canary deployment → stage, canary overrides → stage variables. */
function patchCopy(stage: StageRecord, from: string | undefined, path: string) {
  if (!stage.canarySettings)
    throw badRequest(`Cannot copy from ${from ?? ''}: the stage has no canary settings`);
  if (from === '/canarySettings/deploymentId' && path === '/deploymentId') {
    stage.deploymentId = stage.canarySettings.deploymentId ?? stage.deploymentId;
    return;
  }
  if (from === '/canarySettings/stageVariableOverrides' && path === '/variables') {
    stage.variables = { ...stage.variables, ...stage.canarySettings.stageVariableOverrides };
    return;
  }
  throw badRequest(
    `Invalid copy operation from ${from ?? '(missing from)'} to ${path}. Supported: /canarySettings/deploymentId → /deploymentId, /canarySettings/stageVariableOverrides → /variables`,
  );
}

/**
 * Applies UpdateStage's patch operations in order, all or nothing, and returns the changed stage.
 * Cache-cluster status transitions are left to the caller (they depend on time).
 */
export function applyStagePatch(
  original: StageRecord,
  api: RestApiRecord,
  operations: PatchOperation[] | undefined,
): StageRecord {
  const stage = structuredClone(original);
  for (const operation of operations ?? []) {
    const op = operation.op ?? '';
    const path = operation.path ?? '';
    const value = operation.value;
    if (!['add', 'remove', 'replace', 'copy'].includes(op)) {
      throw badRequest(`Invalid patch operation "${op}". Must be one of: add, remove, replace, copy`);
    }
    if (!path.startsWith('/')) throw invalidPath(path);
    if (op === 'copy') {
      patchCopy(stage, operation.from, path);
      continue;
    }
    if (path === '/canarySettings' || path.startsWith('/canarySettings/')) {
      patchCanary(stage, api, op, path, value);
      continue;
    }
    if (path === '/accessLogSettings' || path.startsWith('/accessLogSettings/')) {
      patchAccessLog(stage, op, path, value);
      continue;
    }
    if (path.startsWith('/variables/')) {
      const name = path.slice('/variables/'.length);
      if (op === 'remove') delete stage.variables[name];
      else setVariable(stage.variables, name, value, path);
      continue;
    }
    switch (path) {
      case '/description':
        if (op === 'add') throw invalidOp(op, path);
        stage.description = op === 'remove' ? undefined : value;
        break;
      case '/deploymentId': {
        if (op !== 'replace') throw invalidOp(op, path);
        const id = required(value, path);
        if (!api.deployments.has(id)) throw badRequest(`Deployment id ${id} does not exist`);
        if (stage.canarySettings && stage.canarySettings.deploymentId !== id) {
          throw badRequest(
            `Cannot move stage ${stage.stageName} to deployment ${id} while it has a canary on deployment ${stage.canarySettings.deploymentId}: promote the canary or remove /canarySettings first`,
          );
        }
        stage.deploymentId = id;
        break;
      }
      case '/cacheClusterEnabled':
        if (op !== 'replace') throw invalidOp(op, path);
        stage.cacheClusterEnabled = parseBoolean(value, path);
        break;
      case '/cacheClusterSize':
        if (op !== 'replace') throw invalidOp(op, path);
        stage.cacheClusterSize = validatedCacheClusterSize(required(value, path));
        break;
      case '/tracingEnabled':
        if (op !== 'replace') throw invalidOp(op, path);
        stage.tracingEnabled = parseBoolean(value, path);
        break;
      default:
        if (path.split('/').length >= 3) patchMethodSetting(stage, op, path, value);
        else throw invalidPath(path);
    }
  }
  checkAccessLog(stage);
  return stage;
}
