import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { AwsError } from './apigateway/errors.ts';
import type { OperationName } from './apigateway/faults.ts';
import { TokenBucket } from './dataplane/throttle.ts';

/** `off`: count every control-plane call but refuse none; `aws`: AWS's documented quotas. */
export type QuotaMode = 'off' | 'aws';

/** `requests` per `seconds`, as AWS words its fixed quotas: a bucket of `requests` refilled over `seconds`. */
export interface Rate {
  requests: number;
  seconds: number;
}

// "Amazon API Gateway quotas" (developer guide, limits.html): "Total operations: 10 requests per second
// with a burst limit of 40 requests per second", and fixed per-account quotas for creating, deploying and
// managing an API that cannot be increased. Operations without a row share only the account's total.
/** The account's control-plane total: 10 requests/s, burst 40. */
export const ACCOUNT_CONTROL_PLANE_QUOTA = { ratePerSecond: 10, burst: 40 } as const;

/** AWS's fixed per-account quotas of the operations the emulator serves. */
export const OPERATION_QUOTAS: Partial<Record<OperationName, Rate>> = {
  CreateApiKey: { requests: 5, seconds: 1 },
  CreateDeployment: { requests: 1, seconds: 5 },
  CreateResource: { requests: 5, seconds: 1 },
  DeleteApiKey: { requests: 5, seconds: 1 },
  DeleteResource: { requests: 5, seconds: 1 },
  DeleteRestApi: { requests: 1, seconds: 30 },
  GetResources: { requests: 5, seconds: 2 },
  PutRestApi: { requests: 1, seconds: 1 },
};

/** CreateRestApi and ImportRestApi: 1 per 3 s for regional or private APIs, 1 per 30 s for edge-optimized. */
export const CREATE_API_QUOTAS: Record<'regional' | 'edge', Rate> = {
  regional: { requests: 1, seconds: 3 },
  edge: { requests: 1, seconds: 30 },
};

/** How many seconds of per-second counts the stats keep. */
const STATS_SECONDS = 900;

/** Calls of one caller (access key) in one wall-clock second. */
export interface SecondCount {
  /** Epoch second. */
  second: number;
  caller: string;
  accepted: number;
  throttled: number;
}

/** The caller's access key id, from the SigV4 `Authorization` header (`anonymous` when unsigned). */
function callerOf(authorization: string | undefined): string {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? 'anonymous';
}

async function createApiQuota(operation: OperationName, c: Context): Promise<Rate> {
  let types: string | undefined;
  if (operation === 'ImportRestApi') {
    // ImportRestApi names the endpoint type in its query (`endpointConfigurationTypes`); AWS's default is EDGE.
    types = c.req.query('endpointConfigurationTypes') ?? c.req.query('parameters.endpointConfigurationTypes');
  } else {
    const body = (await c.req.json().catch(() => ({}))) as { endpointConfiguration?: { types?: string[] } };
    types = body.endpointConfiguration?.types?.join(',');
  }
  return /REGIONAL|PRIVATE/.test(types ?? '') ? CREATE_API_QUOTAS.regional : CREATE_API_QUOTAS.edge;
}

/**
 * The account's control-plane quotas as token buckets (one account-wide, one per quota'd operation), and a
 * per-second count of every call by caller so tests can check a client's rate. Refusals are AWS's
 * `429 TooManyRequestsException` with `{"message": "Too Many Requests"}` and a `Retry-After`.
 */
export class ControlPlaneQuotas {
  private readonly account: TokenBucket;
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly counts = new Map<string, SecondCount>();

  constructor(
    readonly mode: QuotaMode,
    private readonly now: () => number = Date.now,
  ) {
    this.account = new TokenBucket(ACCOUNT_CONTROL_PLANE_QUOTA.burst, this.now());
  }

  /** Admits one call of `operation` or throws AWS's throttling error; every call is counted. */
  readonly admit = async (operation: OperationName, c: Context | undefined): Promise<void> => {
    const caller = callerOf(c?.req.header('authorization'));
    if (this.mode === 'off') return this.count(caller, true);
    const rate =
      (operation === 'CreateRestApi' || operation === 'ImportRestApi') && c
        ? await createApiQuota(operation, c)
        : OPERATION_QUOTAS[operation];
    const nowMs = this.now();
    const key = rate === CREATE_API_QUOTAS.edge ? `${operation}/edge` : operation;
    let bucket = rate && this.buckets.get(key);
    if (rate && !bucket) {
      bucket = new TokenBucket(rate.requests, nowMs);
      this.buckets.set(key, bucket);
    }
    // Both limits must have room; a refused call spends neither.
    const operationWait =
      rate && bucket ? bucket.wait(rate.requests / rate.seconds, rate.requests, nowMs) : 0;
    const accountWait = this.account.wait(
      ACCOUNT_CONTROL_PLANE_QUOTA.ratePerSecond,
      ACCOUNT_CONTROL_PLANE_QUOTA.burst,
      nowMs,
    );
    const waitMs = Math.max(operationWait, accountWait);
    if (waitMs > 0) {
      this.count(caller, false);
      throw new AwsError(
        'TooManyRequestsException',
        'Too Many Requests',
        Math.max(1, Math.ceil(waitMs / 1000)),
      );
    }
    if (bucket) bucket.spend();
    this.account.spend();
    this.count(caller, true);
  };

  /** Per-second counts, oldest first, optionally of one caller and since an epoch second. */
  seconds(filter: { caller?: string; since?: number } = {}): SecondCount[] {
    return [...this.counts.values()]
      .filter((s) => (!filter.caller || s.caller === filter.caller) && s.second >= (filter.since ?? 0))
      .sort((a, b) => a.second - b.second || a.caller.localeCompare(b.caller));
  }

  private count(caller: string, accepted: boolean): void {
    const second = Math.floor(this.now() / 1000);
    const key = `${second}/${caller}`;
    let entry = this.counts.get(key);
    if (!entry) {
      entry = { second, caller, accepted: 0, throttled: 0 };
      this.counts.set(key, entry);
      for (const [old, value] of this.counts) {
        if (value.second > second - STATS_SECONDS) break;
        this.counts.delete(old);
      }
    }
    if (accepted) entry.accepted += 1;
    else entry.throttled += 1;
  }
}

/** Emulator-only `GET /_emulator/quotas[?caller=&since=]`: the mode, the quotas and the per-second counts. */
export const QUOTAS_PATH = '/_emulator/quotas';

export function handleQuotas(quotas: ControlPlaneQuotas, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const since = url.searchParams.get('since');
  if (req.method !== 'GET' || (since !== null && !/^\d+$/.test(since))) {
    res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'BadRequestException' });
    res.end(JSON.stringify({ message: 'GET /_emulator/quotas[?caller=ACCESS_KEY_ID][&since=EPOCH_SECOND]' }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      mode: quotas.mode,
      account: ACCOUNT_CONTROL_PLANE_QUOTA,
      operations: { ...OPERATION_QUOTAS, CreateRestApi: CREATE_API_QUOTAS, ImportRestApi: CREATE_API_QUOTAS },
      seconds: quotas.seconds({
        caller: url.searchParams.get('caller') ?? undefined,
        since: since === null ? undefined : Number(since),
      }),
    }),
  );
}
