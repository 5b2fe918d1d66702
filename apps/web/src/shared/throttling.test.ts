import type { Problem } from '@gateway-console/contract';
import { describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter } from './http.ts';
import { isThrottled, nextReadAt, throttledReadDelay } from './throttling.ts';

const problem = (code: Problem['code'], status: number): Problem => ({
  type: 'about:blank',
  title: 'AWS is throttling requests to API Gateway',
  status,
  code,
  requestId: 'req-1',
});

describe('parseRetryAfter', () => {
  it('reads delay seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sat, 10 Jan 2026 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sat, 10 Jan 2026 11:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
  });
});

describe('throttled reads', () => {
  it('are told apart from other 429s', () => {
    expect(isThrottled(new ApiError(problem('AWS_THROTTLED', 429), 1000))).toBe(true);
    expect(isThrottled(new ApiError(problem('RATE_LIMITED', 429), 1000))).toBe(false);
  });

  it('wait at least what the server asked, backing off while AWS keeps refusing', () => {
    const oneSecond = new ApiError(problem('AWS_THROTTLED', 429), 1000);
    expect([0, 1, 2, 3, 4, 8].map((failures) => throttledReadDelay(failures, oneSecond))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    const long = new ApiError(problem('AWS_THROTTLED', 429), 30_000);
    expect(throttledReadDelay(0, long)).toBe(30_000);
    const unsaid = new ApiError(problem('AWS_THROTTLED', 429));
    expect(throttledReadDelay(0, unsaid)).toBe(5000);
    expect(throttledReadDelay(0, new ApiError(problem('AWS_THROTTLED', 429), 3_600_000))).toBe(60_000);
  });

  it('are tried again that long after the refusal arrived', () => {
    const error = new ApiError(problem('AWS_THROTTLED', 429), 1000);
    expect(nextReadAt(error, 1)).toBe(error.receivedAt + 1000);
    expect(nextReadAt(error, 3)).toBe(error.receivedAt + 4000);
  });
});
