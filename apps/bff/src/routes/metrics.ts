import {
  AwsId,
  type MetricRange,
  MetricsQuery,
  type MetricsResponse,
  metricsWindowProblem,
  StageName,
} from '@gateway-console/contract';
import { Hono } from 'hono';
import type { z } from 'zod';
import { type MetricsScope, metricsWindowBetween, metricsWindowFor } from '../aws/metrics.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ProblemError, problem } from '../problem.ts';

/** How long one CloudWatch answer serves every operator looking at the same view. */
export const METRICS_CACHE_SECONDS = 30;
const MAX_CACHED_VIEWS = 500;
/**
 * An API dashboard draws a line for at most this many stages: 8 queries each, so with the API-wide
 * series they stay inside one GetMetricData call's 500 queries and 100,800 datapoints.
 */
export const MAX_STAGE_LINES = 20;

/** What a view charts: a fixed range ending now, or an absolute one (epoch ms). */
type ViewRange = { range: MetricRange } | { from: number; to: number };

/** The query as a range: a bad or too long one is a 400 that says why, before anything reaches AWS. */
function viewRangeOf(query: MetricsQuery, now: Date): ViewRange {
  if (query.from === undefined || query.to === undefined) return { range: query.range ?? '1h' };
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const problem = metricsWindowProblem(from, to, now.getTime());
  if (problem)
    throw new ProblemError(400, 'VALIDATION_FAILED', 'Invalid request', problem, {
      errors: [{ path: 'query.from', message: problem }],
    });
  return { from, to };
}

function parsed<T>(schema: z.ZodType<T>, input: unknown, where: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw problem('VALIDATION_FAILED', `Check the ${where}.`, {
    errors: result.error.issues.map((issue) => ({
      path: [where, ...issue.path].join('.'),
      message: issue.message,
    })),
  });
}

/** A missing API or stage, said in the operator's words rather than API Gateway's. */
const stageNotFound = (apiId: string, stage: string) => (error: unknown) => {
  if (error instanceof Error && error.name === 'NotFoundException')
    throw new ProblemError(
      404,
      'NOT_FOUND',
      'Stage not found',
      `There is no stage "${stage}" on the REST API ${apiId}.`,
    );
  throw error;
};

/** Dashboards: GET /apis/:apiId/metrics (the whole API) and GET /apis/:apiId/stages/:stage/metrics. */
export const metricsRoutes = (deps: Deps) => {
  const now = deps.clock ?? (() => new Date());
  const cache = new Map<string, { expires: number; response: Promise<MetricsResponse> }>();

  async function readMetrics(apiId: string, stage: string | null, view: ViewRange): Promise<MetricsResponse> {
    // CloudWatch answers an unknown API or stage with empty series, which would draw as "no traffic":
    // the stage is read (one GetStage, alongside the API list) so a wrong name is a 404 instead.
    const [apis] = await Promise.all([
      deps.gateway.listApis('recent'),
      stage === null
        ? null
        : deps.gateway.getStage(apiId, stage, 'recent').catch(stageNotFound(apiId, stage)),
    ]);
    // An API created a moment ago may not be in the shared list yet: one GetRestApi, never a relisting.
    const api = apis.find((candidate) => candidate.id === apiId) ?? (await deps.gateway.findApi(apiId));
    if (!api)
      throw new ProblemError(404, 'NOT_FOUND', 'API not found', `There is no REST API with id ${apiId}.`);
    // The API view draws a line per stage: its stages are listed once the API is known to exist.
    const stages = stage === null ? await deps.gateway.listStages(apiId, 'recent') : null;
    const warnings: string[] = [];
    const namesakes = apis.filter((other) => other.id !== apiId && other.name === api.name);
    if (namesakes.length > 0) {
      warnings.push(
        `CloudWatch keys API Gateway metrics by API name, and ${namesakes.map((other) => other.id).join(', ')} ` +
          `also ${namesakes.length === 1 ? 'is' : 'are'} named "${api.name}": these charts add up the traffic of all of them.`,
      );
    }
    const stageNames = stages ? stages.map((each) => each.name).sort() : [];
    if (stageNames.length > MAX_STAGE_LINES)
      warnings.push(
        `This API has ${stageNames.length} stages: the charts draw a line for the first ${MAX_STAGE_LINES} ` +
          '(by name), and the all-stages line counts every one.',
      );
    const scope: MetricsScope =
      stage === null
        ? { apiName: api.name, stage: null, stages: stageNames.slice(0, MAX_STAGE_LINES) }
        : { apiName: api.name, stage };
    const asOf = now();
    const window =
      'range' in view ? metricsWindowFor(view.range, asOf) : metricsWindowBetween(view.from, view.to, asOf);
    const shaped = await deps.metrics.apiGatewayMetrics(scope, window);
    if (shaped.partial)
      warnings.push('CloudWatch returned only part of the datapoints: the charts are incomplete.');
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
    return {
      apiId,
      apiName: api.name,
      stage,
      range: 'range' in view ? view.range : null,
      periodSeconds: window.periodSeconds,
      start: iso(window.start),
      end: iso(window.end),
      asOf: asOf.toISOString(),
      timestamps: shaped.timestamps.map(iso),
      series: shaped.series,
      summary: shaped.summary,
      caching: shaped.caching,
      warnings,
    };
  }

  /** Many operators watching one view cost one CloudWatch call per 30 s, and concurrent asks share it. */
  async function cachedMetrics(apiId: string, stage: string | null, view: ViewRange) {
    const key = JSON.stringify([apiId, stage, view]);
    const now = Date.now();
    let entry = cache.get(key);
    if (!entry || entry.expires <= now) {
      if (cache.size >= MAX_CACHED_VIEWS) {
        for (const [old, cached] of cache) if (cached.expires <= now) cache.delete(old);
        if (cache.size >= MAX_CACHED_VIEWS) cache.clear();
      }
      const response = readMetrics(apiId, stage, view);
      entry = { expires: now + METRICS_CACHE_SECONDS * 1000, response };
      cache.set(key, entry);
      // A failure is not worth remembering: the next operator asks CloudWatch again.
      response.catch(() => {
        if (cache.get(key)?.response === response) cache.delete(key);
      });
    }
    const body = await entry.response;
    const maxAge = Math.max(0, Math.ceil((entry.expires - Date.now()) / 1000));
    return { body, cacheControl: `private, max-age=${maxAge}` };
  }

  return new Hono<AppEnv>()
    .get('/:apiId/metrics', async (c) => {
      const apiId = parsed(AwsId, c.req.param('apiId'), 'apiId');
      const view = viewRangeOf(parsed(MetricsQuery, c.req.query(), 'query'), now());
      const { body, cacheControl } = await cachedMetrics(apiId, null, view);
      return c.json(body, 200, { 'Cache-Control': cacheControl });
    })
    .get('/:apiId/stages/:stage/metrics', async (c) => {
      const apiId = parsed(AwsId, c.req.param('apiId'), 'apiId');
      const stage = parsed(StageName, c.req.param('stage'), 'stage');
      const view = viewRangeOf(parsed(MetricsQuery, c.req.query(), 'query'), now());
      const { body, cacheControl } = await cachedMetrics(apiId, stage, view);
      return c.json(body, 200, { 'Cache-Control': cacheControl });
    });
};
