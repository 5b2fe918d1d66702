import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const CLIENT_ID_MAX_CHARS = 128;

/**
 * Every request gets an id of our own, answered in `X-Request-Id` and written to the audit log: a
 * client's `X-Request-Id` is never adopted (it could name another request, or carry anything). A
 * well-formed one is kept apart as `clientRequestId`, for the log line, so both sides can be matched.
 */
export const requestIds: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = randomUUID();
  c.set('requestId', id);
  const theirs = c.req.header(REQUEST_ID_HEADER);
  if (theirs && theirs.length <= CLIENT_ID_MAX_CHARS && /^[\w.:=-]+$/.test(theirs)) {
    c.set('clientRequestId', theirs);
  }
  c.header(REQUEST_ID_HEADER, id);
  await next();
};
