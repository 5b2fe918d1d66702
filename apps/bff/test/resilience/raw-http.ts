import { request } from 'node:http';
import { Readable } from 'node:stream';

/** What came back, with the body as text. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Sent as written: `..`, `%2e` and friends are not normalised away as `fetch` would. */
  path: string;
  headers?: Record<string, string>;
  /** A string, or a stream for bodies too large to hold in memory. */
  body?: string | Readable;
  /** The loopback address to send from (127.0.0.2, …), so one test can be several clients. */
  localAddress?: string;
}

/** Percent-encodes every byte of `text`'s UTF-8 (a lone surrogate becomes U+FFFD, as a browser sends it). */
export const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

// Node refuses to send paths with control characters or spaces; everything else goes out raw.
const sendable = (path: string) =>
  Array.from(path, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0x20 || code >= 0x7f ? percentEncode(ch) : ch;
  }).join('');

/** One HTTP request over loopback, exactly as a hostile client might shape it. */
export function send(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const out = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: sendable(req.path),
        // Node sends a DELETE body without a length and closes to end it; say how long it is instead.
        headers:
          typeof req.body === 'string' && !req.headers?.['Content-Length']
            ? { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) }
            : req.headers,
        agent: false,
        localAddress: req.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    if (req.body instanceof Readable) {
      // The server may answer 413 and close before reading everything: that is the point, not an error.
      req.body.on('error', () => {});
      req.body.pipe(out);
    } else out.end(req.body);
  });
}

/** A body of `bytes` bytes produced in chunks, so the client never holds it whole. */
export function streamOf(bytes: number, chunk = `{"x":"${'a'.repeat(64 * 1024)}`): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) return this.push(null);
      const part = chunk.slice(0, Math.min(chunk.length, bytes - sent));
      sent += part.length;
      this.push(part);
    },
  });
}
