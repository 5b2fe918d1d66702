import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { Deps } from '../context.ts';

/**
 * Who is calling, for throttling and the audit: the socket's peer address, or — behind a proxy that
 * says so in a configured header — the last address that proxy appended (the one it saw; earlier entries
 * are the client's own claims). In-process requests (tests' `app.request`) have no socket: `local`.
 */
export function clientAddress(c: Context, deps: Pick<Deps, 'clientAddressHeader'>): string {
  if (deps.clientAddressHeader) {
    const forwarded = c.req.header(deps.clientAddressHeader)?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
