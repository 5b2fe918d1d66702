import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@gateway-console/contract';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from '../context.ts';
import { ProblemError } from '../problem.ts';

/** Largest JSON body the BFF reads. */
export const MAX_BODY_BYTES = 64 * 1024;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the request reached us over HTTPS (directly, or as configured behind a TLS proxy). */
export const isHttps = (url: string, behindHttpsProxy: boolean) =>
  behindHttpsProxy || new URL(url).protocol === 'https:';

/**
 * Security headers for the API and the SPA: scripts strictly from our origin; React and recharts set
 * `style` attributes, so only those (not style elements) may be inline. HSTS only over HTTPS.
 */
export function securityHeaders(behindHttpsProxy: boolean): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    strictTransportSecurity: false,
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
  });
  return async (c, next) => {
    await headers(c, next);
    if (isHttps(c.req.url, behindHttpsProxy)) {
      c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
  };
}

/**
 * Cross-site request forgery defence for every non-GET: the custom header (which forces a CORS
 * preflight we never grant), and, when the browser says where the request comes from, one of the
 * console's own origins — configured, not taken from the Host header, so a page on a domain rebound to
 * the console's address (DNS rebinding) is still another site.
 */
export function csrfProtection(deps: Pick<Deps, 'allowedOrigins'>): MiddlewareHandler {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const refuse = (detail: string) => {
      throw new ProblemError(403, 'CSRF_REJECTED', 'Request refused', detail);
    };
    if (c.req.header(CSRF_HEADER) !== CSRF_HEADER_VALUE) {
      refuse(`Send the header ${CSRF_HEADER}: ${CSRF_HEADER_VALUE} with every change.`);
    }
    const origin = c.req.header('Origin');
    const allowed = deps.allowedOrigins ?? [new URL(c.req.url).origin];
    if (origin !== undefined && !allowed.includes(origin)) refuse('The request comes from another site.');
    const fetchSite = c.req.header('Sec-Fetch-Site');
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      refuse('The request comes from another site.');
    }
    return next();
  };
}

/** How long a client may take to send a body once its headers are in; a slow body is not worth waiting for. */
export const BODY_READ_TIMEOUT_MS = 5_000;

// The body is left unread: say the connection ends with this answer (RFC 9112 §9.6), so a client that
// keeps connections alive does not send its next request into a socket about to close.
const closing = { headers: { Connection: 'close' } };

const tooLarge = () => {
  throw new ProblemError(
    413,
    'PAYLOAD_TOO_LARGE',
    'Body too large',
    `At most ${MAX_BODY_BYTES} bytes.`,
    closing,
  );
};

const tooSlow = () =>
  new ProblemError(
    408,
    'REQUEST_TIMEOUT',
    'Body too slow',
    `Send the whole body within ${BODY_READ_TIMEOUT_MS / 1000} s.`,
    closing,
  );

/**
 * Whether a request really carries a body. Node hands Hono a body stream for every DELETE or POST, empty
 * or not; over HTTP/1.1 a request with neither Content-Length nor Transfer-Encoding has none (RFC 9112
 * §6.3), while in-process callers (`app.request`) may send one without either header.
 */
async function carriesBody(request: Request): Promise<boolean> {
  const length = request.headers.get('Content-Length');
  if (length !== null) return Number(length) > 0;
  if (request.body === null) return false;
  if (request.headers.has('Transfer-Encoding')) return true;
  return (await request.clone().arrayBuffer()).byteLength > 0;
}

const readBodyWithinLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });

/**
 * Reads the whole body (Hono keeps it for the route) before anything else happens, within the size limit
 * and within BODY_READ_TIMEOUT_MS: so a client sending 5 of 27 declared bytes never gets as far as a
 * stage's lock, and costs this connection a few seconds at most.
 */
async function readBodyFirst(c: Context): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(tooSlow()), BODY_READ_TIMEOUT_MS);
  });
  try {
    await Promise.race([
      readBodyWithinLimit(c, async () => {
        await c.req.arrayBuffer();
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Non-GET bodies are JSON and small, and read in full before any route (or lock) sees the request. */
export const jsonBodiesOnly: MiddlewareHandler = async (c, next) => {
  if (safeMethods.has(c.req.method)) return next();
  const hasBody = await carriesBody(c.req.raw);
  const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && hasBody) {
    throw new ProblemError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'JSON only',
      'Send the body as application/json.',
      closing,
    );
  }
  if (hasBody) await readBodyFirst(c);
  return next();
};
