import { describe, expect, it } from 'vitest';
import { healthOf } from './health.ts';

describe('healthOf', () => {
  it('tones a row by its 5XX rate: under 1 % ok, from 1 % degraded, from 5 % failing', () => {
    expect(healthOf({ requests: 1_000, errors5xx: 4 })).toMatchObject({ text: '0.4 % 5XX', tone: 'ok' });
    expect(healthOf({ requests: 1_000, errors5xx: 10 })).toMatchObject({ text: '1.0 % 5XX', tone: 'warn' });
    expect(healthOf({ requests: 1_000, errors5xx: 45 })).toMatchObject({ text: '4.5 % 5XX', tone: 'warn' });
    expect(healthOf({ requests: 200, errors5xx: 10 })).toMatchObject({ text: '5.0 % 5XX', tone: 'danger' });
    expect(healthOf({ requests: 1_000, errors5xx: 0 })).toMatchObject({ text: '0 % 5XX', tone: 'ok' });
    expect(healthOf({ requests: 12_345, errors5xx: 6 }).detail).toBe(
      '6 5XX errors in 12,345 requests in the last 15 minutes',
    );
  });

  it('says when there is nothing to judge rather than calling it healthy', () => {
    expect(healthOf({ requests: 0, errors5xx: 0 })).toMatchObject({ text: 'No traffic', tone: 'none' });
    expect(healthOf(undefined)).toMatchObject({ text: 'Unknown', tone: 'none' });
  });
});
