import type { CanarySettings, MethodSetting, PatchOperation } from '@aws-sdk/client-api-gateway';
import { logGroupOfArn } from '../dataplane/access-log.ts';
import type { RestApiRecord, StageRecord } from '../state.ts';
import { badRequest, patchOpViolations, throwViolations } from './errors.ts';

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

/**
 * What a method setting is before anyone touched it: the account defaults. `loggingLevel` is not
 * among them: AWS shows it only once it was set.
 */
export const DEFAULT_METHOD_SETTING: Readonly<MethodSetting> = {
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: DEFAULT_CACHE_TTL_SECONDS,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};

/** AWS's list of UpdateStage paths, verbatim (its missing commas included), as its error message gives it. */
const VALID_PATHS =
  '/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, ' +
  '/accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, ' +
  '/{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, ' +
  '/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit' +
  '/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, ' +
  '/{resourcePath}/{httpMethod}/caching/dataEncrypted, ' +
  '/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, ' +
  '/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, ' +
  '/*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit ' +
  '/*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, ' +
  '/*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, ' +
  '/variables/{variable_name}, /tracingEnabled';

const invalidPath = (path: string) =>
  badRequest(`Invalid method setting path: ${path}. Must be one of: [${VALID_PATHS}]`);
const invalidOp = (op: string, path: string) => badRequest(`Invalid ${op} operation with path: ${path}`);
/** AWS's answer to removing something it cannot remove (or that is not there). */
const cannotRemove = (setting: string) =>
  badRequest(`Cannot remove method setting ${setting} because there is no method setting for this method `);
export const MISSING_DEPLOYMENT = 'Deployment id does not exist';
const ACCESS_LOG_PATHS = ['/accessLogSettings/destinationArn', '/accessLogSettings/format'];

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

/** Applies one method-setting operation: `/{~1escaped path or *}/{METHOD or *}/{group}/{setting}`. */
function patchMethodSetting(stage: StageRecord, op: string, path: string, value: string | undefined) {
  const parts = path.split('/').slice(1);
  const [resourcePath, httpMethod, group, setting] = parts;
  if (!resourcePath || !httpMethod || parts.length > 4) throw invalidPath(path);
  // AWS takes the resource path escaped (`~1pets~1{id}`) or as written (`test`), and keys it as given.
  const key = `${resourcePath}/${httpMethod}`;
  if (parts.length === 2) {
    if (op !== 'remove') throw invalidPath(path);
    if (!stage.methodSettings[key]) throw cannotRemove(key);
    delete stage.methodSettings[key];
    return;
  }
  if (httpMethod !== '*' && !/^[A-Z]+$/.test(httpMethod)) throw invalidPath(path);
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
    if (op !== 'remove') throw invalidPath(path);
    if (!stage.canarySettings) throw cannotRemove('canarySettings');
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
      if (!stage.canarySettings || !(name in overrides))
        throw cannotRemove(`canarySettings/stageVariableOverrides/${name}`);
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
  // Only stage-variable overrides can be removed one by one; AWS refuses the rest (even the whole map).
  if (op === 'remove') throw cannotRemove(`canarySettings${sub}`);
  if (!['/percentTraffic', '/deploymentId', '/useStageCache'].includes(sub)) throw invalidPath(path);
  if (op !== 'replace') throw invalidOp(op, path);
  switch (sub) {
    case '/percentTraffic':
      canary.percentTraffic = parseNumber(value, path, 0, 100, false);
      break;
    case '/deploymentId': {
      const id = required(value, path);
      if (!api.deployments.has(id)) throw badRequest(MISSING_DEPLOYMENT);
      canary.deploymentId = id;
      break;
    }
    default:
      canary.useStageCache = parseBoolean(value, path);
  }
  stage.canarySettings = canary;
}

/** Access logging: `add` or `replace` the destination or format, `remove /accessLogSettings` to turn it off. */
function patchAccessLog(stage: StageRecord, op: string, path: string, value: string | undefined) {
  if (op === 'remove') {
    // AWS removes the settings as a whole only.
    if (path !== '/accessLogSettings') throw cannotRemove(path.slice(1));
    stage.accessLogSettings = undefined;
    return;
  }
  if (!ACCESS_LOG_PATHS.includes(path)) {
    throw badRequest(`Invalid accessLogSettings path. Must be one of : [${ACCESS_LOG_PATHS.join(', ')}]`);
  }
  if (!value) throw badRequest('Access Log value must not be empty');
  const settings = { ...stage.accessLogSettings };
  if (path === '/accessLogSettings/destinationArn') {
    if (!logGroupOfArn(value)) {
      throw badRequest(
        `Invalid ARN specified in the request: ${value}. The destination ARN must be a CloudWatch Logs log group ARN (arn:aws:logs:{region}:{account}:log-group:{name})`,
      );
    }
    settings.destinationArn = value;
  } else {
    if (value.length > 10_000) throw badRequest('Access Log format must be at most 10,000 characters');
    settings.format = value;
  }
  stage.accessLogSettings = settings;
}

/** AWS's developer guide: an access-log format must include the request id. */
function checkAccessLog(stage: StageRecord) {
  const format = stage.accessLogSettings?.format;
  if (format !== undefined && !/\$context\.(requestId|extendedRequestId)\b/.test(format)) {
    throw badRequest(
      'Access Log format must contain either $context.requestId or $context.extendedRequestId',
    );
  }
}

const COPIES: Record<string, string> = {
  '/canarySettings/deploymentId': '/deploymentId',
  '/canarySettings/stageVariableOverrides': '/variables',
};

/** `copy` exists only for promotion: canary deployment → stage, canary overrides → stage variables. */
function patchCopy(stage: StageRecord, from: string | undefined, path: string) {
  if (from === undefined || COPIES[from] !== path) {
    throw badRequest(
      `Invalid copy operation with path: ${path} and from ${from}. Valid copy:path are [${Object.values(COPIES).join(', ')}] and valid copy:from are [${Object.keys(COPIES).join(', ')}]`,
    );
  }
  const canary = stage.canarySettings;
  if (!canary) throw badRequest('Promotion not available. Canary does not exist.');
  if (path === '/deploymentId') stage.deploymentId = canary.deploymentId ?? stage.deploymentId;
  else stage.variables = { ...stage.variables, ...canary.stageVariableOverrides };
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
  throwViolations(patchOpViolations(operations, 'updateStageInput'));
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
        if (!api.deployments.has(id)) throw badRequest(MISSING_DEPLOYMENT);
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
