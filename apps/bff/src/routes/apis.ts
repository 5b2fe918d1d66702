import type { ApiList } from '@gateway-console/contract';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app.ts';

export const apisRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get('/', async (c) =>
    c.json({ items: await deps.gateway.listApis() } satisfies ApiList),
  );
