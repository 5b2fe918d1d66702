import {
  type ApiDetail,
  type LoggedRequest,
  type Method,
  methodSettingsKey,
  type Stage,
  stageLimits,
} from '@gateway-console/contract';

/** API Gateway's account-level throttle: 10,000 requests/s with a burst of 5,000 (per region). */
export const ACCOUNT_RATE_LIMIT = stageLimits.throttlingRate.max;
export const ACCOUNT_BURST_LIMIT = stageLimits.throttlingBurst.max;
/** The integration timeout when a method sets none: 29 s. */
export const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;
/** An integration answering in this share of its timeout or more is close to timing out. */
const NEAR_TIMEOUT = 0.8;

export interface MethodRef {
  path: string;
  httpMethod: string;
  method: Method;
}

export interface EffectiveThrottle {
  rate: number;
  burst: number;
  /** Which limit is the smallest: what to change to let more through. */
  limitedBy: 'account' | 'stage' | 'method';
}

/** What the console says about one status: the likely cause here, and where to change it. */
export interface Cause {
  text: string;
  details: string[];
  link?: { href: string; label: string };
}

const methodsOf = (api: ApiDetail | undefined): MethodRef[] =>
  (api?.resources ?? []).flatMap((resource) =>
    resource.methods.map((method) => ({ path: resource.path, httpMethod: method.httpMethod, method })),
  );

/** The rate and burst a method really gets: the smallest of the account's, the stage's and its own. */
export function effectiveThrottle(stage: Stage, path: string, httpMethod: string): EffectiveThrottle {
  const candidates: { rate: number; burst: number; by: EffectiveThrottle['limitedBy'] }[] = [
    { rate: ACCOUNT_RATE_LIMIT, burst: ACCOUNT_BURST_LIMIT, by: 'account' },
  ];
  const stageWide = stage.methodSettings['*/*'];
  if (stageWide)
    candidates.push({
      rate: stageWide.throttlingRateLimit,
      burst: stageWide.throttlingBurstLimit,
      by: 'stage',
    });
  const own = stage.methodSettings[methodSettingsKey(path, httpMethod)];
  if (own) candidates.push({ rate: own.throttlingRateLimit, burst: own.throttlingBurstLimit, by: 'method' });
  // A negative limit is AWS's "not set".
  const set = candidates.filter((c) => c.rate >= 0 && c.burst >= 0);
  const rate = Math.min(...set.map((c) => c.rate));
  const burst = Math.min(...set.map((c) => c.burst));
  const limitedBy = [...set].reverse().find((c) => c.rate === rate)?.by ?? 'account';
  return { rate, burst, limitedBy };
}

/** The methods the failing requests of this status reached (by resource path and verb), most hit first. */
function methodsHit(methods: MethodRef[], requests: LoggedRequest[], status: number): MethodRef[] {
  const hits = new Map<MethodRef, number>();
  for (const request of requests) {
    if (request.status !== status) continue;
    const match = methods.find(
      (m) => m.path === request.resourcePath && (m.httpMethod === request.method || m.httpMethod === 'ANY'),
    );
    if (match) hits.set(match, (hits.get(match) ?? 0) + 1);
  }
  return [...hits.entries()].sort((a, b) => b[1] - a[1]).map(([method]) => method);
}

const label = (m: { path: string; httpMethod: string }) => `${m.httpMethod} ${m.path}`;
const limitNames = {
  account: 'the account limit',
  stage: 'the stage limit',
  method: 'this method’s own limit',
};

/** The likely cause of a status in this stage's settings, from its API's methods and the recent failures. */
export function likelyCause(
  status: number,
  stage: Stage,
  api: ApiDetail | undefined,
  requests: LoggedRequest[],
): Cause | undefined {
  const methods = methodsOf(api);
  const hit = methodsHit(methods, requests, status);
  if (status === 429) {
    const shown = (hit.length ? hit : methods).map((m) => ({
      m,
      limit: effectiveThrottle(stage, m.path, m.httpMethod),
    }));
    shown.sort((a, b) => a.limit.rate - b.limit.rate);
    return {
      text: hit.length
        ? 'Throttled by API Gateway. The methods refused, with the rate and burst they really get (the smallest of the account, stage and method limits):'
        : 'Throttled by API Gateway. The lowest effective limits of this stage (the smallest of the account, stage and method limits):',
      details: shown
        .slice(0, 4)
        .map(
          ({ m, limit }) =>
            `${label(m)}: ${limit.rate} req/s, burst ${limit.burst} — set by ${limitNames[limit.limitedBy]}`,
        ),
      link: { href: '#throttling-heading', label: 'Change the throttling settings' },
    };
  }
  if (status === 504) {
    const timed = methods
      .filter((m) => m.method.integration && m.method.integration.type !== 'MOCK')
      .map((m) => {
        const timeout = m.method.integration?.timeoutInMillis ?? DEFAULT_INTEGRATION_TIMEOUT_MS;
        const slowest = Math.max(
          0,
          ...requests
            .filter((r) => r.resourcePath === m.path && r.integrationLatencyMs !== null)
            .map((r) => r.integrationLatencyMs ?? 0),
        );
        return { m, timeout, slowest };
      });
    const near = timed.filter((t) => t.slowest >= t.timeout * NEAR_TIMEOUT);
    return {
      text: 'The backend did not answer within the integration timeout.',
      details: (near.length ? near : timed)
        .slice(0, 4)
        .map(
          (t) =>
            `${label(t.m)}: timeout ${t.timeout / 1000} s${t.slowest ? `, slowest recent integration ${Math.round(t.slowest)} ms` : ''}`,
        ),
    };
  }
  if (status === 403) {
    const missingRoute = requests.some(
      (r) => r.status === 403 && r.errorType === 'MISSING_AUTHENTICATION_TOKEN',
    );
    const keyed = methods.filter((m) => m.method.apiKeyRequired);
    const iam = methods.filter((m) => m.method.authorizationType === 'AWS_IAM');
    const details = [
      ...(missingRoute
        ? [
            `No such route in this stage's deployment for: ${[...new Set(requests.filter((r) => r.errorType === 'MISSING_AUTHENTICATION_TOKEN').map((r) => `${r.method} ${r.path}`))].slice(0, 3).join(', ')}`,
          ]
        : []),
      ...(keyed.length ? [`API key required by: ${keyed.map(label).join(', ')}`] : []),
      ...(iam.length ? [`IAM (SigV4) required by: ${iam.map(label).join(', ')}`] : []),
    ];
    return { text: 'Refused before the backend: a missing route, API key or authorization.', details };
  }
  if (status === 401) {
    const authorized = methods.filter(
      (m) => m.method.authorizationType === 'CUSTOM' || m.method.authorizationType === 'COGNITO_USER_POOLS',
    );
    return {
      text: 'The authorizer rejected the caller’s token, or it was missing.',
      details: authorized.map((m) => `${label(m)}: ${m.method.authorizerName ?? m.method.authorizationType}`),
    };
  }
  if (status === 502) {
    const proxied = (
      hit.length ? hit : methods.filter((m) => m.method.integration && m.method.integration.type !== 'MOCK')
    ).slice(0, 4);
    return {
      text: 'The integration response was invalid, or the connection to the backend failed.',
      details: proxied.map(
        (m) =>
          `${label(m)}: ${m.method.integration?.type ?? 'no integration'}${m.method.integration?.uri ? ` → ${m.method.integration.uri}` : ''}`,
      ),
    };
  }
  return undefined;
}
