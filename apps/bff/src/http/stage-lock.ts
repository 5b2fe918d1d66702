import type { MiddlewareHandler } from 'hono';

const changes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Changes to one stage run one at a time in this process. AWS has no conditional UpdateStage, so the
 * If-Match check (read, compare) and the update are not atomic: without this, two operators who saw the
 * same state can both pass the check and the second silently overwrites the first.
 */
export function oneChangePerStage(): MiddlewareHandler {
  const queues = new Map<string, Promise<void>>();
  return async (c, next) => {
    if (!changes.has(c.req.method)) return next();
    const key = `${c.req.param('apiId')}/${c.req.param('stage')}`;
    const before = queues.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = before.then(() => new Promise<void>((resolve) => (done = resolve)));
    queues.set(key, mine);
    await before;
    try {
      await next();
    } finally {
      done();
      if (queues.get(key) === mine) queues.delete(key);
    }
  };
}
