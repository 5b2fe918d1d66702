import { describe, expect, it } from 'vitest';
import { safeNext } from './next.ts';

const origin = 'https://console.example';
const next = (value: string) => safeNext(`?next=${value}`, origin);

describe('where sign-in leads (#16 item 13)', () => {
  it('follows paths on this origin, with their query and fragment', () => {
    expect(next(encodeURIComponent('/apis/abc/stages/prod?range=1h#deployments'))).toBe(
      '/apis/abc/stages/prod?range=1h#deployments',
    );
    expect(safeNext('', origin)).toBe('/');
  });

  it('never leaves the site, however the way out is spelled', () => {
    for (const hostile of [
      '/%5Cevil.example',
      '/%09/evil.example',
      '/%0A/evil.example',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '%2F%2Fevil.example',
    ]) {
      expect(next(hostile), hostile).toBe('/');
    }
  });

  it('does not throw on a malformed query or origin', () => {
    expect(() => safeNext('?next=%', origin)).not.toThrow();
    expect(safeNext('?next=/x', 'not an origin')).toBe('/');
  });
});
