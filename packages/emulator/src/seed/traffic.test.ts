import { describe, expect, it } from 'vitest';
import { seededRandom } from '../dataplane/random.ts';
import { poisson } from './traffic.ts';

describe('poisson', () => {
  // Mean and variance of a Poisson draw are both its mean: small ones (Knuth) and the load's (normal).
  it.each([0.5, 4, 29, 31, 300, 1440])('draws counts with mean and variance %d', (mean) => {
    const random = seededRandom(11);
    const draws = Array.from({ length: 4000 }, () => poisson(mean, random));
    const average = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - average) ** 2, 0) / (draws.length - 1);
    // Four standard errors of the mean; the variance within 10 %.
    expect(Math.abs(average - mean)).toBeLessThan(4 * Math.sqrt(mean / draws.length));
    expect(variance / mean).toBeGreaterThan(0.9);
    expect(variance / mean).toBeLessThan(1.1);
    expect(draws.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
  });
});
