import type { MiddlewareHandler } from 'hono';
import type { Storage } from '../db/database.ts';

/** The lock every change to one stage takes, also a change that names its stage in the body (a deployment onto it). */
export const stageLockKey = (apiId: string, stageName: string) => `stage:${apiId}/${stageName}`;

const changes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Changes to one stage run one at a time, across every BFF replica sharing the database. AWS has no
 * conditional UpdateStage, so the If-Match check (read, compare) and the update are not atomic: without
 * this, two operators who saw the same state can both pass the check and the second silently
 * overwrites the first.
 */
export function oneChangePerStage(storage: Storage): MiddlewareHandler {
  return async (c, next) => {
    if (!changes.has(c.req.method)) return next();
    await storage.exclusive(stageLockKey(c.req.param('apiId') ?? '', c.req.param('stage') ?? ''), next);
  };
}
