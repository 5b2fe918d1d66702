import {
  type ApiDetail,
  type ApiHealth,
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
      const names = new Map(ids.map((id) => [id, deps.gateway.knownApiName(id)]));
      const [overviews, health] = await Promise.all([
        deps.gateway.apiOverviews(ids),
        // Health is extra: when CloudWatch cannot say, the rows still get their stages.
        deps.metrics
          .apisHealth(
            [...names.values()].filter((name) => name !== undefined),
            deps.clock?.() ?? new Date(),
          )
          .catch((error: unknown) => {
            console.warn(`[bff] ${c.get('requestId')} the APIs' health could not be read`, error);
            return new Map<string, ApiHealth>();
          }),
      ]);
      const items = overviews.map((overview) => {
        const name = names.get(overview.apiId);
        const known = name === undefined ? undefined : health.get(name);
        return known ? { ...overview, health: known } : overview;
      });
      return c.json({ items } satisfies ApiOverviewList, 200);
    })
    .get('/:apiId', async (c) =>
      agedJson(c, (await deps.gateway.apiView(apiIdOf(c), freshnessOf(c))) satisfies Aged<ApiDetail>),
    );
