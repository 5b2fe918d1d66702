import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

// OWASP's Password Storage Cheat Sheet lists N=2^17, r=8, p=1 and, as equally strong, N=2^15, r=8, p=3:
// the same work (~0.2 s of one core here) in a quarter of the memory (32 MiB, not 128), which matters
// with two sign-ins hashing at once on a small host. Each hash records its parameters, so hashes made
// with other ones still verify and are redone with these at the next sign-in ({@link needsRehash}).
export const PASSWORD_PARAMS = { N: 2 ** 15, r: 8, p: 3 } as const;
type Params = { N: number; r: number; p: number };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` of a password (with other `params` only to make hashes as older consoles did). */
export async function hashPassword(password: string, params: Params = PASSWORD_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** Whether a stored hash was made with other parameters than today's, so a sign-in should redo it. */
export function needsRehash(stored: string): boolean {
  const [, n, r, p] = stored.split('$');
  return (
    Number(n) !== PASSWORD_PARAMS.N || Number(r) !== PASSWORD_PARAMS.r || Number(p) !== PASSWORD_PARAMS.p
  );
}

/** Constant-time check of a password against a stored hash; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password for the demo users when none is configured. */
export const randomPassword = () => randomBytes(12).toString('base64url');
