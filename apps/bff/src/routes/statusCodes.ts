import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import {
  ACCESS_LOG_COST,
  type AccessLogState,
  type LoggedRequest,
  PutAccessLogRequest,
  RECOMMENDED_ACCESS_LOG_FORMAT,
  RequestsQuery,
  type RequestsResponse,
  type Stage,
  type StatusCodeSeries,
  StatusCodesQuery,
  type StatusCodesResponse,
  type StatusFilter,
} from '@gateway-console/contract';
import { Hono } from 'hono';
import { auditAhead, audited } from '../audit/middleware.ts';
import { guard } from '../auth/middleware.ts';
import { type AccessLogFields, accessLogFields, accessLogGroupName, accessLogStateOf } from '../aws/logs.ts';
import { metricsWindowFor } from '../aws/metrics.ts';
import type { AppEnv, Deps } from '../context.ts';
import { stageAsSeen, stageResponse } from '../http/stale.ts';
import { jsonBody, queryParams } from '../http/validate.ts';
import { ViewCache } from '../http/view-cache.ts';
import { problem } from '../problem.ts';
import { apiIdOf, stageOf } from './params.ts';

/** Same as the metrics: one Logs Insights query per view per 30 s, however many operators watch. */
const STATUS_CODES_CACHE_MS = 30_000;
/** The recent-requests table is read when an operator looks for something: fresher. */
const REQUESTS_CACHE_MS = 5_000;
/** Logs Insights returns at most this many rows; a status-code view needs periods × statuses × sides. */
const INSIGHTS_MAX_ROWS = 10_000;

/** StartQuery takes at most this many log groups. */
const MAX_QUERY_LOG_GROUPS = 50;

const BIN_UNITS: Record<number, string> = { 60: '1m', 300: '5m', 900: '15m', 3600: '1h' };

/** A field of the log in a Logs Insights query, quoted so any JSON key is safe. */
const q = (field: string) => `\`${field}\``;

/** Insights' `2026-12-02 11:05:00.000` (UTC) as an ISO timestamp. */
const isoOfInsights = (value: string) => new Date(`${value.replace(' ', 'T')}Z`).toISOString();

const numberOr = (value: string | undefined) => {
  if (value === undefined || value === '' || value === '-') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};
const textOr = (value: string | undefined) =>
  value === undefined || value === '' || value === '-' ? null : value;

/**
 * The answer's age is the BFF's to keep: a browser must not reuse it, because the same URL answers
 * differently once access logging is turned on (the BFF's cache is keyed by the stage's ETag).
 */
const viewHeaders = (maxAgeSeconds: number) => ({
  'Cache-Control': 'private, no-cache',
  'X-Console-Cache-Seconds': String(maxAgeSeconds),
});

/** The Logs Insights query counting a stage's requests by period, status and side. */
export function statusCodesQuery(fields: AccessLogFields, periodSeconds: number): string {
  const by = [
    `bin(${BIN_UNITS[periodSeconds] ?? `${periodSeconds}s`}) as t`,
    `${q(fields.status)} as status`,
  ];
  if (fields.canary) by.push(`${q(fields.canary)} as canary`);
  return `filter ispresent(${q(fields.status)}) | stats count(*) as requests by ${by.join(', ')}`;
}

function statusCondition(fields: AccessLogFields, status: StatusFilter): string {
  const s = q(fields.status);
  if (status === 'failed') return `${s} >= 400`;
  if (status === '4xx') return `${s} >= 400 and ${s} < 500`;
  if (status === '5xx') return `${s} >= 500 and ${s} < 600`;
  return `${s} = ${status}`;
}

/** The Logs Insights query of the recent-requests table (newest first). */
export function requestsQuery(fields: AccessLogFields, query: RequestsQuery): string {
  const conditions = [statusCondition(fields, query.status)];
  if (query.path) {
    const alternatives = [
      fields.path && `${q(fields.path)} like "${query.path}"`,
      fields.resourcePath && `${q(fields.resourcePath)} = "${query.path}"`,
    ].filter(Boolean);
    conditions.push(alternatives.length ? `(${alternatives.join(' or ')})` : 'false');
  }
  if (query.side && fields.canary) {
    conditions.push(
      query.side === 'canary' ? `${q(fields.canary)} = "true"` : `${q(fields.canary)} != "true"`,
    );
  }
  const shown = Object.values(fields).map(q);
  return `fields @timestamp, ${shown.join(', ')} | filter ${conditions.join(' and ')} | sort @timestamp desc | limit ${query.limit + 1}`;
}

function loggedRequest(fields: AccessLogFields, row: Record<string, string>): LoggedRequest {
  const at = (field: string | undefined) => (field === undefined ? undefined : row[field]);
  return {
    requestId: at(fields.requestId) ?? '',
    time: isoOfInsights(row['@timestamp'] ?? '1970-01-01 00:00:00.000'),
    method: textOr(at(fields.method)) ?? '',
    path: textOr(at(fields.path)) ?? '',
    resourcePath: textOr(at(fields.resourcePath)),
    status: numberOr(at(fields.status)) ?? 0,
    latencyMs: numberOr(at(fields.latency)),
    integrationLatencyMs: numberOr(at(fields.integrationLatency)),
    errorType: textOr(at(fields.errorType)),
    errorMessage: textOr(at(fields.errorMessage)),
    side: at(fields.canary) === 'true' ? 'canary' : 'base',
  };
}

/** The access-log settings that turn logging on into `arn`, or off. */
function accessLogPatch(
  stage: Stage,
  enabled: boolean,
  arn: string | undefined,
  format: string,
): PatchOperation[] {
  if (!enabled) return stage.accessLog ? [{ op: 'remove', path: '/accessLogSettings' }] : [];
  return [
    { op: 'replace', path: '/accessLogSettings/destinationArn', value: arn },
    { op: 'replace', path: '/accessLogSettings/format', value: format },
  ];
}

/**
 * Error codes from access logs: PUT …/access-log turns a stage's access logging on or off;
 * GET …/status-codes counts its requests by status, base and canary apart; GET …/requests lists them.
 */
export const statusCodesRoutes = (deps: Deps) => {
  const statusCodes = new ViewCache<StatusCodesResponse>(STATUS_CODES_CACHE_MS);
  const requests = new ViewCache<RequestsResponse>(REQUESTS_CACHE_MS);

  /**
   * The stage's access logging, and the fields its format carries when Logs Insights can read it. Its
   * ETag keys the cached views, so turning logging on or changing the format shows at once.
   */
  async function accessLogOf(apiId: string, stageName: string) {
    const stage = await deps.gateway.getStage(apiId, stageName, 'recent');
    const state = accessLogStateOf(stage.accessLog);
    const fields =
      state.state === 'on' && stage.accessLog ? accessLogFields(stage.accessLog.format) : undefined;
    return { state, fields, etag: stage.etag };
  }
  type AccessLogOf = Awaited<ReturnType<typeof accessLogOf>>;

  /** What a status-code view counts: the log groups of one stage, or of every stage of an API alike. */
  interface CountedLogs {
    state: AccessLogState;
    fields: AccessLogFields | undefined;
    logGroups: string[];
    /** Stages of the API left out of the count. */
    notCounted: string[];
  }

  const stageLogs = ({ state, fields }: AccessLogOf): CountedLogs => ({
    state,
    fields,
    logGroups: state.state === 'on' ? [state.logGroupName] : [],
    notCounted: [],
  });

  /**
   * Every stage of the API with readable access logs in one query (Logs Insights takes up to 50 groups);
   * stages whose format puts status or canary under other keys than the first one's are left out, said so.
   */
  async function apiLogs(apiId: string): Promise<CountedLogs & { etags: string[] }> {
    const stages = await deps.gateway.listStages(apiId, 'recent');
    const readable = stages.flatMap((stage) => {
      const state = accessLogStateOf(stage.accessLog);
      const fields =
        state.state === 'on' && stage.accessLog ? accessLogFields(stage.accessLog.format) : undefined;
      return state.state === 'on' && fields ? [{ stage: stage.name, group: state.logGroupName, fields }] : [];
    });
    const fields = readable[0]?.fields;
    const counted = readable
      .filter((r) => r.fields.status === fields?.status && r.fields.canary === fields?.canary)
      .slice(0, MAX_QUERY_LOG_GROUPS);
    const countedNames = new Set(counted.map((r) => r.stage));
    const logGroups = counted.map((r) => r.group);
    return {
      state: fields
        ? { state: 'on', logGroupName: logGroups.join(', '), canaryApart: fields.canary !== undefined }
        : { state: 'off' },
      fields,
      logGroups,
      notCounted: stages.map((stage) => stage.name).filter((name) => !countedNames.has(name)),
      etags: stages.map((stage) => stage.etag),
    };
  }

  async function readStatusCodes(
    apiId: string,
    stageName: string | null,
    range: StatusCodesQuery['range'],
    { state, fields, logGroups, notCounted }: CountedLogs,
  ): Promise<StatusCodesResponse> {
    const window = metricsWindowFor(range, new Date());
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
    const response: StatusCodesResponse = {
      apiId,
      stage: stageName,
      range,
      period: window.periodSeconds,
      start: iso(window.start),
      end: iso(window.end),
      accessLog: state,
      series: [],
      warnings: [],
    };
    if (notCounted.length)
      response.warnings.push(`Not counted (no access logs, or another format): ${notCounted.join(', ')}.`);
    if (state.state !== 'on' || !fields || logGroups.length === 0) return response;
    const answer = await deps.logs.query(
      logGroups.length === 1 ? logGroups[0]! : logGroups,
      window.start,
      window.end - 1,
      statusCodesQuery(fields, window.periodSeconds),
      INSIGHTS_MAX_ROWS,
    );
    const periods = Math.round((window.end - window.start) / window.periodSeconds);
    const series = new Map<string, StatusCodeSeries>();
    for (const row of answer.rows) {
      const status = numberOr(row.status);
      const t = Date.parse(isoOfInsights(row.t ?? ''));
      if (status === null || Number.isNaN(t)) continue;
      const side = row.canary === 'true' ? 'canary' : 'base';
      const key = `${status}/${side}`;
      let line = series.get(key);
      if (!line) {
        line = {
          status,
          side,
          points: Array.from({ length: periods }, (_, i) => ({
            t: iso(window.start + i * window.periodSeconds),
            count: 0,
          })),
          total: 0,
        };
        series.set(key, line);
      }
      const index = Math.floor((t / 1000 - window.start) / window.periodSeconds);
      const count = numberOr(row.requests) ?? 0;
      if (index >= 0 && index < periods) line.points[index]!.count += count;
      line.total += count;
    }
    response.series = [...series.values()].sort(
      (a, b) => a.status - b.status || a.side.localeCompare(b.side),
    );
    if (answer.rows.length >= INSIGHTS_MAX_ROWS)
      response.warnings.push(
        'Logs Insights returned its maximum of rows: some statuses or periods are missing.',
      );
    if (!state.canaryApart)
      response.warnings.push(
        'The access-log format has no $context.isCanaryRequest: canary requests are counted with the base.',
      );
    return response;
  }

  async function readRequests(
    query: RequestsQuery,
    { state, fields }: AccessLogOf,
  ): Promise<RequestsResponse> {
    if (state.state !== 'on' || !fields || (query.side === 'canary' && !fields.canary))
      return { accessLog: state, items: [], more: false };
    const window = metricsWindowFor(query.range, new Date());
    const answer = await deps.logs.query(
      state.logGroupName,
      window.start,
      window.end - 1,
      requestsQuery(fields, query),
      query.limit + 1,
    );
    const items = answer.rows.map((row) => loggedRequest(fields, row));
    return { accessLog: state, items: items.slice(0, query.limit), more: items.length > query.limit };
  }

  return new Hono<AppEnv>()
    .get('/:apiId/status-codes', async (c) => {
      const apiId = apiIdOf(c);
      const { range } = queryParams(c, StatusCodesQuery);
      const logs = await apiLogs(apiId);
      const { value, maxAgeSeconds } = await statusCodes.read(
        JSON.stringify([apiId, logs.etags, range]),
        () => readStatusCodes(apiId, null, range, logs),
      );
      return c.json(value, 200, viewHeaders(maxAgeSeconds));
    })
    .get('/:apiId/stages/:stage/status-codes', async (c) => {
      const { apiId, stageName } = stageOf(c);
      const { range } = queryParams(c, StatusCodesQuery);
      const logging = await accessLogOf(apiId, stageName);
      const { value, maxAgeSeconds } = await statusCodes.read(
        JSON.stringify([apiId, stageName, logging.etag, range]),
        () => readStatusCodes(apiId, stageName, range, stageLogs(logging)),
      );
      return c.json(value, 200, viewHeaders(maxAgeSeconds));
    })
    .get('/:apiId/stages/:stage/requests', async (c) => {
      const { apiId, stageName } = stageOf(c);
      const query = queryParams(c, RequestsQuery);
      const logging = await accessLogOf(apiId, stageName);
      const { value, maxAgeSeconds } = await requests.read(
        JSON.stringify([apiId, stageName, logging.etag, query]),
        () => readRequests(query, logging),
      );
      return c.json(value, 200, viewHeaders(maxAgeSeconds));
    })
    .put(
      '/:apiId/stages/:stage/access-log',
      audited(deps, 'stage.accessLog'),
      guard('putAccessLog'),
      async (c) => {
        const { apiId, stageName } = stageOf(c);
        const { enabled, format } = await jsonBody(c, PutAccessLogRequest);
        if (!enabled && format !== undefined)
          throw problem('VALIDATION_FAILED', 'format: only with enabled: true.');
        const current = await stageAsSeen(c, deps, apiId, stageName);
        // Off already: nothing to change.
        if (!enabled && !current.accessLog) return stageResponse(c, current);
        await auditAhead(c);
        // The group the stage already logs to stays; otherwise the console's own, created with a retention.
        const groupName = current.accessLog?.logGroupName ?? accessLogGroupName(apiId, stageName);
        const arn = enabled
          ? await deps.logs.ensureLogGroup(groupName, ACCESS_LOG_COST.retentionDays)
          : undefined;
        const stage = await deps.gateway.updateStage(
          apiId,
          stageName,
          accessLogPatch(current, enabled, arn, format ?? RECOMMENDED_ACCESS_LOG_FORMAT),
        );
        c.var.audit.after = stage;
        return stageResponse(c, stage);
      },
    );
};
