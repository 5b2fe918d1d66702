/**
 * Where to go after sign-in: the `next` of the query string when it is a path on this origin, else `/`.
 * Parsed as a URL against our origin rather than matched by prefix, since browsers read `\` as `/` and
 * drop tabs and newlines (`/\evil.example`, `/<TAB>/evil.example` leave the site); never throws.
 */
export function safeNext(search: string, origin: string): string {
  try {
    const next = new URLSearchParams(search).get('next');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what browsers strip.
    if (!next?.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return '/';
    const url = new URL(next, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}
