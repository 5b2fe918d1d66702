import { randomUUID } from 'node:crypto';
import { createServer, type Server, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { ProblemError, problemBody } from '../problem.ts';

/** Headers must be in within this long (Node's default is a minute: a slow-loris holds a socket that long). */
export const HEADERS_TIMEOUT_MS = 10_000;
/** The whole request within this long (Node's default, 300 s, would let a slow body hold a socket for minutes). */
export const REQUEST_TIMEOUT_MS = 15_000;

const malformed = (status: 400 | 408 | 431) =>
  status === 431
    ? new ProblemError(431, 'VALIDATION_FAILED', 'Request headers too large', 'Send smaller headers.')
    : status === 408
      ? new ProblemError(408, 'REQUEST_TIMEOUT', 'Request too slow', 'Send the request faster.')
      : new ProblemError(400, 'VALIDATION_FAILED', 'Malformed request', 'The request could not be parsed.');

const refusal = (problem: ProblemError) => {
  const requestId = randomUUID();
  return new Response(JSON.stringify(problemBody(problem, requestId)), {
    status: problem.status,
    headers: {
      ...problem.extra.headers,
      'Content-Type': 'application/problem+json',
      'X-Request-Id': requestId,
    },
  });
};

/**
 * Serves the BFF over HTTP. Requests too malformed to reach Hono — a broken request line, headers over
 * Node's 16 KB limit, a backslash in the path, a bad Host — still get problem+json, not a bare 400.
 */
export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  options: { port: number; hostname: string },
): Promise<{ server: Server; port: number }> {
  const listener = getRequestListener(fetch, {
    errorHandler: () => refusal(malformed(400)),
  });
  const refuseDuplicateHost = getRequestListener(() =>
    refusal(
      new ProblemError(400, 'VALIDATION_FAILED', 'Malformed request', 'Send exactly one Host header.', {
        headers: { Connection: 'close' },
      }),
    ),
  );
  // Node keeps the first of several Host headers and drops the rest; a proxy may have used another one
  // (RFC 9112 §3.2: a request with more than one is refused with 400).
  const server = createServer(
    // Checked every second, not Node's default 30 s, so the timeouts hold to about that.
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      const hosts = req.rawHeaders.filter(
        (_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === 'host',
      );
      if (hosts.length <= 1) return listener(req, res);
      return refuseDuplicateHost(req, res);
    },
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const requestId = randomUUID();
    const body = JSON.stringify(problemBody(malformed(status), requestId));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, resolve);
  });
  return { server, port: (server.address() as AddressInfo).port };
}
