/** Rules the web and the BFF must agree on, written once. */

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
