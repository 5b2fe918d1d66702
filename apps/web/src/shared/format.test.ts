import { describe, expect, it } from 'vitest';
import { formatAgo, formatPercent } from './format.ts';

describe('formatPercent', () => {
  it('shows whole percents plainly and fractions to one decimal', () => {
    expect(formatPercent(10)).toBe('10 %');
    expect(formatPercent(12.5)).toBe('12.5 %');
    expect(formatPercent(33.333)).toBe('33.3 %');
    expect(formatPercent(0)).toBe('0 %');
  });
});

describe('formatAgo', () => {
  it('picks the largest unit that fits', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(formatAgo('2026-01-08T12:00:00Z', now)).toMatch(/2 days ago/);
    expect(formatAgo('2026-01-10T09:00:00Z', now)).toMatch(/3 hours ago/);
  });
});
