import { AwsId, StageName } from '@gateway-console/contract';
import type { Context } from 'hono';
import type { Freshness } from '../aws/gateway.ts';
import type { AppEnv } from '../context.ts';
import { pathParam } from '../http/validate.ts';

/** The API id of the path, checked before it reaches AWS. */
export const apiIdOf = (c: Context<AppEnv>) => pathParam(c, 'apiId', AwsId);

/** The API id and stage name of the path, checked before they reach AWS. */
export const stageOf = (c: Context<AppEnv>) => ({
  apiId: pathParam(c, 'apiId', AwsId),
  stageName: pathParam(c, 'stage', StageName),
});

/**
 * Views are served from the short read cache; a caller who asks for no cached answer (a browser's
 * hard reload, a "refresh" button) gets an answer no older than the cache's period — however many ask,
 * AWS is asked at most once per period.
 */
export const freshnessOf = (c: Context<AppEnv>): Freshness =>
  /no-cache|max-age=0/.test(c.req.header('Cache-Control') ?? '') ? 'revalidate' : 'recent';
