import {
  type ApiDetail,
  type ApiList,
  type ApiOverviewList,
  ApiOverviewQuery,
} from '@gateway-console/contract';
import { type Context, Hono } from 'hono';
import type { Aged } from '../aws/read-cache.ts';
import type { AppEnv, Deps } from '../context.ts';
import { queryParams } from '../http/validate.ts';
import { apiIdOf, freshnessOf } from './params.ts';

/** A view's answer; `Age` says how old it is when AWS's call budget made an older answer stand in. */
function agedJson<T>(c: Context<AppEnv>, { value, ageSeconds }: Aged<T>) {
  if (ageSeconds > 0) c.header('Age', String(ageSeconds));
  return c.json(value, 200);
}

/** REST APIs: the list, what its rows on screen show beyond it, and one API with its resources and methods. */
export const apisRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/', async (c) => {
      const { value, ageSeconds } = await deps.gateway.apisView(freshnessOf(c));
      return agedJson(c, { value: { items: value } satisfies ApiList, ageSeconds });
    })
    .get('/overview', async (c) => {
      const { ids } = queryParams(c, ApiOverviewQuery);
      return c.json({ items: await deps.gateway.apiOverviews(ids) } satisfies ApiOverviewList, 200);
    })
    .get('/:apiId', async (c) =>
      agedJson(c, (await deps.gateway.apiView(apiIdOf(c), freshnessOf(c))) satisfies Aged<ApiDetail>),
    );
