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
  // The lock is not re-entrant: a request the router passes through this middleware twice (a path such
  // as `/stages/*/*` matches its pattern more than once) must not wait for the lock it already holds.
  const held = new WeakMap<Request, Set<string>>();
  return async (c, next) => {
    if (!changes.has(c.req.method)) return next();
    const key = stageLockKey(c.req.param('apiId') ?? '', c.req.param('stage') ?? '');
    const mine = held.get(c.req.raw) ?? new Set<string>();
    if (mine.has(key)) return next();
    held.set(c.req.raw, mine);
    await storage.exclusive(key, async () => {
      mine.add(key);
      try {
        await next();
      } finally {
        mine.delete(key);
      }
    });
  };
}
