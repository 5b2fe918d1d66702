import {
  type ApiDetail,
  type ApiList,
  type ApiOverview,
  type ApiOverviewList,
  ApiOverviewQuery,
} from '@gateway-console/contract';
import { type Context, Hono } from 'hono';
import type { Aged } from '../aws/read-cache.ts';
import type { AppEnv, Deps } from '../context.ts';
import { queryParams } from '../http/validate.ts';
import { healthAndVerdicts } from '../rollouts/evaluate.ts';
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
      const overviews = await deps.gateway.apiOverviews(ids);
      // Only APIs a list has named can be asked of CloudWatch (its metrics are keyed by API name).
      const named = overviews.flatMap((overview) => {
        const name = deps.gateway.knownApiName(overview.apiId);
        return name === undefined ? [] : [{ overview, name }];
      });
      // Health and verdicts are extra: when CloudWatch cannot say, the rows still get their stages.
      const judged = await healthAndVerdicts(
        deps,
        named.map(({ overview, name }) => ({ name, canaryStages: overview.canaries.map((c) => c.stage) })),
        deps.clock?.() ?? new Date(),
      ).catch((error: unknown) => {
        console.warn(`[bff] ${c.get('requestId')} the APIs' health could not be read`, error);
        return undefined;
      });
      const nameOf = new Map(named.map(({ overview, name }) => [overview, name]));
      const items = overviews.map((overview): ApiOverview => {
        const name = nameOf.get(overview);
        if (name === undefined || !judged) return overview;
        const health = judged.health.get(name);
        const canaries = overview.canaries.map((canary) => {
          const verdict = judged.verdicts.get(`${name}/${canary.stage}`);
          return verdict ? { ...canary, verdict } : canary;
        });
        return health ? { ...overview, canaries, health } : { ...overview, canaries };
      });
      return c.json({ items } satisfies ApiOverviewList, 200);
    })
    .get('/:apiId', async (c) =>
      agedJson(c, (await deps.gateway.apiView(apiIdOf(c), freshnessOf(c))) satisfies Aged<ApiDetail>),
    );
