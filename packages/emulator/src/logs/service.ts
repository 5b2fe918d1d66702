import { randomUUID } from 'node:crypto';
import type {
  CreateLogGroupRequest,
  CreateLogStreamRequest,
  DeleteLogGroupRequest,
  DescribeLogGroupsRequest,
  DescribeLogGroupsResponse,
  FilterLogEventsRequest,
  FilterLogEventsResponse,
  GetLogEventsRequest,
  GetLogEventsResponse,
  GetQueryResultsResponse,
  PutLogEventsRequest,
  PutLogEventsResponse,
  PutRetentionPolicyRequest,
  StartQueryRequest,
} from '@aws-sdk/client-cloudwatch-logs';
import { compileFilterPattern, FilterPatternError } from './filter-pattern.ts';
import { compileQuery, MAX_QUERY_ROWS, QueryCompileError, type QueryOutput, runQuery } from './insights.ts';
import { EVENT_OVERHEAD_BYTES, type LogEvent, type LogGroup, type LogStore } from './store.ts';

/** AWS JSON 1.1 target prefix the SDK puts in `X-Amz-Target`. */
export const LOGS_TARGET_PREFIX = 'Logs_20140328.';

export type LogsErrorType =
  | 'InvalidParameterException'
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'LimitExceededException'
  | 'MalformedQueryException'
  | 'InvalidOperationException'
  | 'UnrecognizedClientException'
  | 'ServiceUnavailableException';

/** A CloudWatch Logs error: `{"__type", "message"}` as JSON 1.1 sends it, with extra members. */
export class LogsError extends Error {
  constructor(
    readonly type: LogsErrorType,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly status = 400,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new LogsError('InvalidParameterException', message);

/** Limits from the CloudWatch Logs API reference. */
export const LOGS_LIMITS = {
  logGroups: 1_000_000,
  describePage: 50,
  eventsPerPut: 10_000,
  bytesPerPut: 1_048_576,
  /** A PutLogEvents batch may span at most 24 hours. */
  putSpanMs: 24 * 3600_000,
  /** Events more than 2 hours in the future or 14 days in the past are rejected. */
  tooNewMs: 2 * 3600_000,
  tooOldMs: 14 * 86_400_000,
  filterPage: 10_000,
  logGroupsPerQuery: 50,
  concurrentQueries: 30,
  queryStringChars: 10_000,
  /** Results stay readable for a while after the query ends; the emulator keeps this many. */
  keptQueries: 1_000,
} as const;

/** The values PutRetentionPolicy accepts, in days. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const LOG_STREAM_NAME = /^[^:*]{1,512}$/;

interface Query {
  status: 'Scheduled' | 'Running' | 'Complete' | 'Cancelled' | 'Failed';
  output?: QueryOutput;
  createdAt: number;
}

/** Input members as they arrive on the wire (timestamps are epoch numbers already in Logs). */
type Input<T> = Partial<T> & Record<string, unknown>;

/** CloudWatch Logs operations the emulator serves, by `X-Amz-Target` operation name. */
export function logsService(store: LogStore, region: string, accountId: string) {
  const queries = new Map<string, Query>();
  const arnOf = (name: string) => `arn:aws:logs:${region}:${accountId}:log-group:${name}`;

  /** The group a request names by `logGroupName` or `logGroupIdentifier` (a name or an ARN). */
  function groupOf(input: { logGroupName?: string; logGroupIdentifier?: string }): LogGroup {
    if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined)
      throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    const identifier = input.logGroupName ?? input.logGroupIdentifier;
    if (identifier === undefined)
      throw invalid('Either logGroupName or logGroupIdentifier must be specified.');
    const name = identifier.startsWith('arn:')
      ? identifier.replace(/^arn:[^:]*:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '')
      : identifier;
    const group = store.groups.get(name);
    if (!group) throw new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
    return group;
  }

  function requireName(value: unknown, member: string, pattern: RegExp): string {
    if (typeof value !== 'string' || !pattern.test(value))
      throw invalid(
        `1 validation error detected: Value '${String(value ?? '')}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`,
      );
    return value;
  }

  function limitOf(value: unknown, max: number, member = 'limit'): number {
    if (value === undefined) return max;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
      throw invalid(
        `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must have value between 1 and ${max}`,
      );
    return value;
  }

  function runningQueries(): number {
    let n = 0;
    for (const query of queries.values()) if (query.status === 'Running' || query.status === 'Scheduled') n++;
    return n;
  }

  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    CreateLogGroup(raw) {
      const input = raw as Input<CreateLogGroupRequest>;
      const name = requireName(input.logGroupName, 'logGroupName', LOG_GROUP_NAME);
      if (store.groups.has(name))
        throw new LogsError('ResourceAlreadyExistsException', 'The specified log group already exists');
      if (store.groups.size >= LOGS_LIMITS.logGroups)
        throw new LogsError('LimitExceededException', 'Resource limit exceeded.');
      store.createGroup(name, input.tags ?? {});
      return {};
    },
    DescribeLogGroups(raw) {
      const input = raw as Input<DescribeLogGroupsRequest>;
      const limit = limitOf(input.limit, LOGS_LIMITS.describePage);
      if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined)
        throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      const names = [...store.groups.keys()]
        .filter((name) => (input.logGroupNamePrefix ? name.startsWith(input.logGroupNamePrefix) : true))
        .filter((name) => (input.logGroupNamePattern ? name.includes(input.logGroupNamePattern) : true))
        .sort();
      const start = input.nextToken ? names.findIndex((name) => name > String(input.nextToken)) : 0;
      const page = start < 0 ? [] : names.slice(start, start + limit);
      const more = start >= 0 && start + limit < names.length;
      return {
        logGroups: page.map((name) => {
          const group = store.groups.get(name)!;
          return {
            logGroupName: name,
            creationTime: group.creationTime,
            retentionInDays: group.retentionInDays,
            metricFilterCount: 0,
            arn: `${arnOf(name)}:*`,
            logGroupArn: arnOf(name),
            storedBytes: group.storedBytes,
            logGroupClass: 'STANDARD',
          };
        }),
        nextToken: more ? page.at(-1) : undefined,
      } satisfies DescribeLogGroupsResponse;
    },
    DeleteLogGroup(raw) {
      const group = groupOf(raw as Input<DeleteLogGroupRequest>);
      store.groups.delete(group.logGroupName);
      return {};
    },
    PutRetentionPolicy(raw) {
      const input = raw as Input<PutRetentionPolicyRequest>;
      const group = groupOf(input);
      if (!RETENTION_DAYS.includes(input.retentionInDays as number))
        throw invalid(
          `1 validation error detected: Value '${String(input.retentionInDays)}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
        );
      group.retentionInDays = input.retentionInDays;
      return {};
    },
    DeleteRetentionPolicy(raw) {
      groupOf(raw as { logGroupName?: string }).retentionInDays = undefined;
      return {};
    },
    CreateLogStream(raw) {
      const input = raw as Input<CreateLogStreamRequest>;
      const group = groupOf(input);
      const name = requireName(input.logStreamName, 'logStreamName', LOG_STREAM_NAME);
      if (group.streams.has(name))
        throw new LogsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
      store.createStream(group, name);
      return {};
    },
    PutLogEvents(raw) {
      const input = raw as Input<PutLogEventsRequest>;
      const group = groupOf(input);
      const stream = group.streams.get(String(input.logStreamName));
      if (!stream)
        throw new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
      const events = input.logEvents ?? [];
      if (events.length === 0 || events.length > LOGS_LIMITS.eventsPerPut)
        throw invalid(
          `1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length between 1 and ${LOGS_LIMITS.eventsPerPut}`,
        );
      let bytes = 0;
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        if (typeof event.timestamp !== 'number' || typeof event.message !== 'string' || event.message === '')
          throw invalid(`Log event ${i} needs a timestamp and a non-empty message.`);
        if (i > 0 && event.timestamp < events[i - 1]!.timestamp!)
          throw invalid('Log events in a single PutLogEvents request must be in chronological order.');
        bytes += Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES;
      }
      if (bytes > LOGS_LIMITS.bytesPerPut)
        throw invalid(`Upload too large: ${bytes} bytes exceeds limit of ${LOGS_LIMITS.bytesPerPut}`);
      if (events.at(-1)!.timestamp! - events[0]!.timestamp! > LOGS_LIMITS.putSpanMs)
        throw invalid(
          'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
        );
      const now = store.now();
      const retentionMs = group.retentionInDays !== undefined ? group.retentionInDays * 86_400_000 : Infinity;
      const rejected: NonNullable<PutLogEventsResponse['rejectedLogEventsInfo']> = {};
      events.forEach((event, i) => {
        const t = event.timestamp!;
        if (t > now + LOGS_LIMITS.tooNewMs) rejected.tooNewLogEventStartIndex ??= i;
        else if (t < now - retentionMs) rejected.expiredLogEventEndIndex = i;
        else if (t < now - LOGS_LIMITS.tooOldMs) rejected.tooOldLogEventEndIndex = i;
        else store.append(group, stream, t, event.message!);
      });
      return {
        nextSequenceToken: String(Date.now()),
        rejectedLogEventsInfo: Object.keys(rejected).length ? rejected : undefined,
      } satisfies PutLogEventsResponse;
    },
    GetLogEvents(raw) {
      const input = raw as Input<GetLogEventsRequest>;
      const group = groupOf(input);
      if (!group.streams.has(String(input.logStreamName)))
        throw new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
      const limit = limitOf(input.limit, LOGS_LIMITS.filterPage);
      const { from, to } = store.range(group, input.startTime ?? 0, input.endTime ?? Number.MAX_SAFE_INTEGER);
      const inStream = group.events.slice(from, to).filter((e) => e.logStreamName === input.logStreamName);
      // Tokens are positions in the stream's events: `f/<index>` reads on from there, `b/<index>` back.
      const token = /^([fb])\/(\d+)$/.exec(input.nextToken ?? '');
      if (input.nextToken !== undefined && !token) throw invalid('The specified nextToken is invalid.');
      let start: number;
      if (token?.[1] === 'f') start = Number(token[2]);
      else if (token?.[1] === 'b') start = Math.max(0, Number(token[2]) - limit);
      else start = input.startFromHead ? 0 : Math.max(0, inStream.length - limit);
      const end = token?.[1] === 'b' ? Number(token[2]) : Math.min(inStream.length, start + limit);
      return {
        events: inStream
          .slice(start, end)
          .map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
        nextForwardToken: `f/${end}`,
        nextBackwardToken: `b/${start}`,
      } satisfies GetLogEventsResponse;
    },
    FilterLogEvents(raw) {
      const input = raw as Input<FilterLogEventsRequest>;
      const group = groupOf(input);
      const limit = limitOf(input.limit, LOGS_LIMITS.filterPage);
      if (input.logStreamNames && input.logStreamNamePrefix)
        throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
      let matches: (event: LogEvent) => boolean;
      try {
        matches = compileFilterPattern(input.filterPattern);
      } catch (err) {
        if (err instanceof FilterPatternError) throw invalid(err.message);
        throw err;
      }
      const streams = input.logStreamNames ? new Set(input.logStreamNames) : undefined;
      const prefix = input.logStreamNamePrefix;
      const { from, to } = store.range(
        group,
        input.startTime ?? 0,
        (input.endTime ?? Number.MAX_SAFE_INTEGER - 1) + 1,
      );
      // The token is the (timestamp, seq) of the last event returned: paging survives events arriving meanwhile.
      let index = from;
      if (input.nextToken !== undefined) {
        const [t, seq] = Buffer.from(String(input.nextToken), 'base64url').toString().split('/').map(Number);
        if (!Number.isFinite(t) || !Number.isFinite(seq))
          throw invalid('The specified nextToken is invalid.');
        while (
          index < to &&
          (group.events[index]!.timestamp < t! ||
            (group.events[index]!.timestamp === t && group.events[index]!.seq <= seq!))
        )
          index++;
      }
      const events: NonNullable<FilterLogEventsResponse['events']> = [];
      let last: LogEvent | undefined;
      for (; index < to && events.length < limit; index++) {
        const event = group.events[index]!;
        if (streams && !streams.has(event.logStreamName)) continue;
        if (prefix && !event.logStreamName.startsWith(prefix)) continue;
        if (!matches(event)) continue;
        events.push({
          logStreamName: event.logStreamName,
          timestamp: event.timestamp,
          message: event.message,
          ingestionTime: event.ingestionTime,
          eventId: `${event.timestamp}${String(event.seq).padStart(20, '0')}`,
        });
        last = event;
      }
      const more = events.length === limit && index < to;
      return {
        events,
        searchedLogStreams: [],
        nextToken:
          more && last ? Buffer.from(`${last.timestamp}/${last.seq}`).toString('base64url') : undefined,
      } satisfies FilterLogEventsResponse;
    },
    StartQuery(raw) {
      const input = raw as Input<StartQueryRequest>;
      const given = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter(
        (v) => v !== undefined,
      );
      if (given.length !== 1)
        throw invalid(
          'Exactly one of logGroupName, logGroupNames and logGroupIdentifiers must be specified.',
        );
      const identifiers =
        input.logGroupName !== undefined
          ? [input.logGroupName]
          : (input.logGroupNames ?? input.logGroupIdentifiers ?? []);
      if (identifiers.length === 0 || identifiers.length > LOGS_LIMITS.logGroupsPerQuery)
        throw invalid(`A query can name from 1 to ${LOGS_LIMITS.logGroupsPerQuery} log groups.`);
      const groups = identifiers.map((id) => groupOf({ logGroupIdentifier: id }));
      if (typeof input.startTime !== 'number' || typeof input.endTime !== 'number')
        throw invalid('startTime and endTime are required (epoch seconds).');
      if (input.endTime < input.startTime) throw invalid('End time should not be before the start time');
      const limit = limitOf(input.limit, MAX_QUERY_ROWS);
      const text = String(input.queryString ?? '');
      if (text.length === 0 || text.length > LOGS_LIMITS.queryStringChars)
        throw invalid(
          `1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length between 0 and ${LOGS_LIMITS.queryStringChars}`,
        );
      let compiled: ReturnType<typeof compileQuery>;
      try {
        compiled = compileQuery(text);
      } catch (err) {
        if (!(err instanceof QueryCompileError)) throw err;
        throw new LogsError(
          'MalformedQueryException',
          `unexpected symbol found ${text.slice(err.start, err.end)} at line 1 and position ${err.start}`,
          {
            queryCompileError: { location: { start: err.start, end: err.end }, message: err.message },
          },
        );
      }
      if (runningQueries() >= LOGS_LIMITS.concurrentQueries)
        throw new LogsError(
          'LimitExceededException',
          'Account maximum query concurrency limit of [30] reached.',
        );
      const queryId = randomUUID();
      const query: Query = { status: 'Scheduled', createdAt: store.now() };
      queries.set(queryId, query);
      if (queries.size > LOGS_LIMITS.keptQueries) queries.delete(queries.keys().next().value!);
      // Runs after StartQuery has answered, so callers poll GetQueryResults as they must on AWS.
      const startMs = input.startTime * 1000;
      const endMs = input.endTime * 1000 + 1000;
      setImmediate(() => {
        if (query.status !== 'Scheduled') return;
        query.status = 'Running';
        try {
          const slices = groups.map((group) => {
            const { from, to } = store.range(group, startMs, endMs);
            return group.events.slice(from, to);
          });
          const events =
            slices.length === 1
              ? slices[0]!
              : slices.flat().sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
          const groupNames = new Map<LogEvent, string>();
          const logGroupOf =
            groups.length === 1
              ? () => groups[0]!.logGroupName
              : (event: LogEvent) => {
                  if (groupNames.size === 0)
                    slices.forEach((slice, i) => {
                      for (const e of slice) groupNames.set(e, groups[i]!.logGroupName);
                    });
                  return groupNames.get(event)!;
                };
          query.output = runQuery(compiled, events, logGroupOf, limit);
          if (query.status === 'Running') query.status = 'Complete';
        } catch (err) {
          console.error('[emulator] Logs Insights query failed', err);
          query.status = 'Failed';
        }
      });
      return { queryId };
    },
    GetQueryResults(raw) {
      const query = queries.get(String(raw.queryId));
      if (!query) throw new LogsError('ResourceNotFoundException', 'The specified query does not exist.');
      const output = query.status === 'Complete' ? query.output : undefined;
      return {
        results: output?.results ?? [],
        statistics: {
          recordsMatched: output?.recordsMatched ?? 0,
          recordsScanned: output?.recordsScanned ?? 0,
          bytesScanned: output?.bytesScanned ?? 0,
        },
        status: query.status,
      } satisfies GetQueryResultsResponse;
    },
    StopQuery(raw) {
      const query = queries.get(String(raw.queryId));
      if (!query) throw new LogsError('ResourceNotFoundException', 'The specified query does not exist.');
      if (query.status !== 'Scheduled' && query.status !== 'Running')
        throw invalid(`Query ${String(raw.queryId)} is not running (status ${query.status}).`);
      query.status = 'Cancelled';
      return { success: true };
    },
  };

  return (operation: string, input: Record<string, unknown>): unknown => {
    const run = operations[operation];
    if (!run)
      throw new LogsError(
        'InvalidOperationException',
        `The action ${operation} is not valid for this endpoint.`,
      );
    return run(input);
  };
}
