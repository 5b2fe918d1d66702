import { describe, expect, it } from 'vitest';
import {
  coveringFixedRange,
  DEFAULT_RANGE,
  fromLocalInput,
  metricsQueryOf,
  rangeFromSearch,
  searchOf,
  toLocalInput,
  zoomedRange,
} from './range.ts';

const now = Date.parse('2026-11-29T15:00:00.000Z');
const minute = 60_000;

describe('rangeFromSearch', () => {
  it('reads a fixed range, and the last hour when the URL has none', () => {
    expect(rangeFromSearch('range=3h', now)).toEqual({
      range: { kind: 'fixed', range: '3h' },
      problem: null,
    });
    expect(rangeFromSearch('', now)).toEqual({ range: DEFAULT_RANGE, problem: null });
  });

  it('reads an absolute range, and writes it back the same', () => {
    const search = '?from=2026-11-29T14:00:00.000Z&to=2026-11-29T14:30:00.000Z';
    const { range, problem } = rangeFromSearch(search, now);
    expect(problem).toBeNull();
    expect(range).toEqual({ kind: 'absolute', from: now - 60 * minute, to: now - 30 * minute });
    expect(new URLSearchParams(metricsQueryOf(range)).toString()).toBe(
      new URLSearchParams(search).toString(),
    );
    expect(searchOf({ kind: 'fixed', range: '24h' })).toEqual({ range: '24h', from: null, to: null });
  });

  it.each([
    ['range=2d', '"2d" is not a range'],
    ['from=2026-11-29T14:00:00Z', 'needs both a start'],
    ['from=yesterday&to=today', 'valid start and end'],
    ['from=2026-11-29T14:30:00Z&to=2026-11-29T14:00:00Z', 'ends before it starts'],
    ['from=2026-11-29T14:00:00Z&to=2026-11-29T14:01:00Z', 'shorter than 5 minutes'],
    ['from=2026-11-01T00:00:00Z&to=2026-11-29T00:00:00Z', 'longer than 14 days'],
    ['from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z', 'more than 455 days ago'],
    ['from=2026-12-01T00:00:00Z&to=2026-12-01T01:00:00Z', 'starts in the future'],
  ])('falls back to the last hour with a note for %s', (search, why) => {
    const { range, problem } = rangeFromSearch(search, now);
    expect(range).toEqual(DEFAULT_RANGE);
    expect(problem).toContain(why);
    expect(problem).toContain('Showing the last hour instead.');
  });
});

describe('zoomedRange', () => {
  it('is the dragged span, in either direction', () => {
    expect(zoomedRange(now - 10 * minute, now - 30 * minute, now)).toEqual({
      kind: 'absolute',
      from: now - 30 * minute,
      to: now - 10 * minute,
    });
  });

  it('widens a too short drag to 5 minutes around its middle, and never ends after now', () => {
    expect(zoomedRange(now - 20 * minute, now - 19 * minute, now)).toEqual({
      kind: 'absolute',
      from: now - 22 * minute,
      to: now - 17 * minute,
    });
    expect(zoomedRange(now - 2 * minute, now + minute, now)).toEqual({
      kind: 'absolute',
      from: now - 5 * minute,
      to: now,
    });
  });
});

describe('coveringFixedRange', () => {
  it('is the shortest fixed range reaching back to an absolute range’s start', () => {
    expect(coveringFixedRange({ kind: 'fixed', range: '3h' }, now)).toBe('3h');
    expect(
      coveringFixedRange({ kind: 'absolute', from: now - 40 * minute, to: now - 30 * minute }, now),
    ).toBe('1h');
    expect(coveringFixedRange({ kind: 'absolute', from: now - 5 * 3600_000, to: now }, now)).toBe('24h');
    expect(coveringFixedRange({ kind: 'absolute', from: now - 72 * 3600_000, to: now }, now)).toBe('24h');
  });
});

describe('datetime-local values', () => {
  it('round-trip on the viewer’s clock, and a malformed one is NaN', () => {
    const t = now - 17 * minute;
    expect(fromLocalInput(toLocalInput(t))).toBe(t);
    expect(fromLocalInput('')).toBeNaN();
    expect(fromLocalInput('29/11/2026 14:00')).toBeNaN();
  });
});
