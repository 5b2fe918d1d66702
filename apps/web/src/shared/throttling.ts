import { useEffect, useReducer } from 'react';
import { ApiError } from './http.ts';

/**
 * AWS refused the console's calls as too many, even after the BFF's own retries with backoff. Waiting
 * is the cure, so reads try again after the server's `Retry-After`; changes are never retried blindly.
 */
export const isThrottled = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.problem.code === 'AWS_THROTTLED';

/** When the BFF gives no `Retry-After`, wait as long as it tells clients by default for AWS. */
const DEFAULT_WAIT_MS = 5_000;
/** Repeated refusals back off from one second up to this, unless AWS asks for longer. */
const LONGEST_BACKOFF_MS = 10_000;
/** Never leave the operator looking at a stuck page longer than this between tries. */
const LONGEST_WAIT_MS = 60_000;
/** Several minutes of patient retrying, then the read fails and its error shows in place. */
export const THROTTLED_READ_ATTEMPTS = 40;

/**
 * How long to wait before reading again after the `failuresBefore`+1-th throttled answer in a row: at
 * least what the server asked for, and a little longer each time AWS keeps refusing.
 */
export const throttledReadDelay = (failuresBefore: number, error: ApiError) =>
  Math.min(
    LONGEST_WAIT_MS,
    Math.max(error.retryAfterMs ?? DEFAULT_WAIT_MS, Math.min(LONGEST_BACKOFF_MS, 1000 * 2 ** failuresBefore)),
  );

/** The moment a throttled read that has failed `failures` times in a row will be tried again. */
export const nextReadAt = (error: ApiError, failures: number) =>
  error.receivedAt + throttledReadDelay(Math.max(0, failures - 1), error);

/** When a throttled change may sensibly be tried again by the operator. */
export const retryChangeAt = (error: ApiError) =>
  error.receivedAt + Math.min(LONGEST_WAIT_MS, error.retryAfterMs ?? DEFAULT_WAIT_MS);

/** Whole seconds from now until `at` (never negative), ticking every second while shown. */
export function useSecondsUntil(at: number): number {
  const [, tick] = useReducer((ticks: number) => ticks + 1, 0);
  useEffect(() => {
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
