import type { Problem } from '@gateway-console/contract';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@gateway-console/contract/rules';

/** A failed BFF call, carrying the server's problem+json (or one made up for network failures). */
export class ApiError extends Error {
  /** When the answer arrived (ms since the epoch): the start of any Retry-After wait. */
  readonly receivedAt = Date.now();

  constructor(
    readonly problem: Problem,
    /** How long the BFF asked us to wait before trying again (its `Retry-After`), if it said. */
    readonly retryAfterMs?: number,
  ) {
    super(problem.detail ?? problem.title);
  }
  get status() {
    return this.problem.status;
  }
}

/** True when the BFF refused a call because nobody is signed in (or the session expired). */
export const isUnauthenticated = (error: unknown) => error instanceof ApiError && error.status === 401;

/** True when the BFF refused a change because the operator acted on a stale view (If-Match mismatch). */
export const isStaleView = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 412;

interface HttpInit extends RequestInit {
  json?: unknown;
  /** The ETag of the state the operator saw; the BFF refuses the change with 412 when it moved on. */
  ifMatch?: string;
}

/** Calls the BFF. Non-GET requests carry the CSRF header; failures throw ApiError. */
export async function http<T>(path: string, init: HttpInit = {}): Promise<T> {
  const { json, headers, ifMatch, ...rest } = init;
  const mutating = (rest.method ?? 'GET') !== 'GET';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      ...rest,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        // Every change is JSON, even a body-less DELETE: the BFF cannot always tell an empty body from none.
        ...(json !== undefined || mutating ? { 'Content-Type': 'application/json' } : {}),
        ...(mutating ? { [CSRF_HEADER]: CSRF_HEADER_VALUE } : {}),
        ...(ifMatch !== undefined ? { 'If-Match': ifMatch } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Console unreachable',
      status: 0,
      detail: 'The console server did not answer. Check your connection and try again.',
      code: 'INTERNAL',
      requestId: '-',
    });
  }
  if (response.ok) {
    const text = response.status === 204 ? '' : await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const type = response.headers.get('Content-Type') ?? '';
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  if (type.includes('json')) throw new ApiError((await response.json()) as Problem, retryAfterMs);
  throw new ApiError(
    {
      type: 'about:blank',
      title: `HTTP ${response.status}`,
      status: response.status,
      detail: response.statusText,
      code: 'INTERNAL',
      requestId: response.headers.get('X-Request-Id') ?? '-',
    },
    retryAfterMs,
  );
}

/** `Retry-After` is either delay seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
