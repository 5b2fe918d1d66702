/**
 * Rules the web and the BFF must agree on, written once. No zod here: the web's shell imports this file
 * alone (`@gateway-console/contract/rules`), so the schemas stay in the chunks that validate forms.
 */

/** The console's roles, least first: each may do everything the ones before it may. */
export const roles = ['viewer', 'operator', 'admin'] as const;

/** Whether `held` includes everything `needed` may do: viewer < operator < admin. */
export const roleAtLeast = (held: (typeof roles)[number], needed: (typeof roles)[number]) =>
  roles.indexOf(held) >= roles.indexOf(needed);

/** The header (and its value) every non-GET request carries, so a cross-site form cannot make one. */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'gateway-console';

/** JSON-pointer escaping of one path segment, as AWS's patch paths take it: `~` → `~0`, `/` → `~1`. */
export const escapePointerSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** The inverse of {@link escapePointerSegment} (`~1` first, so `~01` stays `~1`). */
export const unescapePointerSegment = (segment: string) =>
  segment.replaceAll('~1', '/').replaceAll('~0', '~');

/** A method's `methodSettings` key as AWS returns it: `/pets/{id}` + `GET` → `~1pets~1{id}/GET`. */
export const methodSettingsKey = (resourcePath: string, httpMethod: string) =>
  `${escapePointerSegment(resourcePath)}/${httpMethod}`;

/** A `methodSettings` key as AWS returns it, split back into the resource path and the method. */
export function parseMethodSettingsKey(key: string): { resourcePath: string; httpMethod: string } {
  const slash = key.lastIndexOf('/');
  return { resourcePath: unescapePointerSegment(key.slice(0, slash)), httpMethod: key.slice(slash + 1) };
}

/**
 * API Gateway's limits on a stage's settings (AWS-NOTES.md), with the words an operator reads when a
 * value is outside them. The contract's schemas and the web's forms both check against these.
 */
export const stageLimits = {
  cacheTtlSeconds: {
    min: 0,
    max: 3600,
    default: 300,
    message: 'TTL must be a whole number of seconds from 0 to 3600',
  },
  /** The account's default rate and burst are the highest a stage or method can be given. */
  throttlingRate: { min: 0, max: 10_000, message: 'Rate must be 0 to 10000 requests per second' },
  throttlingBurst: { min: 0, max: 5_000, message: 'Burst must be a whole number from 0 to 5000' },
} as const;

/** The cache cluster sizes (GB) API Gateway offers. */
export const cacheClusterSizes = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;
