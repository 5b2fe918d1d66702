import { randomInt } from 'node:crypto';

/** A uniform draw in [0, 1). */
export type Random = () => number;

/**
 * A small, fast seeded generator (mulberry32): tests pass a seed to replay the same canary draws;
 * without one the seed comes from the OS.
 */
export function seededRandom(seed: number = randomInt(2 ** 31)): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
