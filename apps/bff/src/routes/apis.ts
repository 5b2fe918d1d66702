import type { ApiDetail, ApiList } from '@gateway-console/contract';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { apiIdOf, freshnessOf } from './params.ts';

/** REST APIs: the list, and one API with its resources and methods. */
export const apisRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/', async (c) =>
      c.json({ items: await deps.gateway.listApis(freshnessOf(c)) } satisfies ApiList, 200),
    )
    .get('/:apiId', async (c) =>
      c.json((await deps.gateway.getApi(apiIdOf(c), freshnessOf(c))) satisfies ApiDetail, 200),
    );
