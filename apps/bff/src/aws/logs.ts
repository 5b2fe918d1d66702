import {
  type CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  GetQueryResultsCommand,
  PutRetentionPolicyCommand,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AccessLog, AccessLogState } from '@gateway-console/contract';
import { ProblemError } from '../problem.ts';

/** The log group an access-log destination ARN names (`arn:aws:logs:{region}:{account}:log-group:{name}`). */
export function logGroupOfArn(arn: string): string | null {
  return (
    /^arn:aws[\w-]*:logs:[^:]+:\d{12}:log-group:([.\-_/#A-Za-z0-9]{1,512})(?::\*)?$/.exec(arn)?.[1] ?? null
  );
}

/** Where the console sends a stage's access logs when it turns them on. */
export const accessLogGroupName = (apiId: string, stage: string) =>
  `API-Gateway-Access-Logs_${apiId}/${stage}`;

/** The `$context` variables the console reads, by the JSON key a format puts each under. */
export interface AccessLogFields {
  status: string;
  requestId?: string;
  canary?: string;
  method?: string;
  path?: string;
  resourcePath?: string;
  latency?: string;
  integrationLatency?: string;
  errorType?: string;
  errorMessage?: string;
}

const VARIABLE_FIELDS: Record<string, keyof AccessLogFields> = {
  status: 'status',
  requestId: 'requestId',
  isCanaryRequest: 'canary',
  httpMethod: 'method',
  path: 'path',
  resourcePath: 'resourcePath',
  responseLatency: 'latency',
  integrationLatency: 'integrationLatency',
  'error.responseType': 'errorType',
  'error.message': 'errorMessage',
};

/**
 * Which JSON key of an access-log format carries each variable, so any JSON format (AWS's examples,
 * the console's, an operator's own) can be counted; undefined when the format is not JSON with a status.
 */
export function accessLogFields(format: string): AccessLogFields | undefined {
  if (!format.trimStart().startsWith('{')) return undefined;
  const fields: Partial<AccessLogFields> = {};
  for (const [, key, variable] of format.matchAll(/"([A-Za-z0-9_@-]+)"\s*:\s*"?\$context\.([A-Za-z.]+)"?/g)) {
    const name = VARIABLE_FIELDS[variable!];
    if (name && fields[name] === undefined) fields[name] = key!;
  }
  return fields.status ? (fields as AccessLogFields) : undefined;
}

/** Whether a stage's access logs can be counted, and from which group. */
export function accessLogStateOf(accessLog: AccessLog | null): AccessLogState {
  if (!accessLog) return { state: 'off' };
  if (!accessLog.logGroupName)
    return {
      state: 'unreadable',
      logGroupName: null,
      reason: `The access logs go to ${accessLog.destinationArn}, which is not a CloudWatch Logs log group.`,
    };
  const fields = accessLogFields(accessLog.format);
  if (!fields)
    return {
      state: 'unreadable',
      logGroupName: accessLog.logGroupName,
      reason:
        'The access-log format is not JSON with a $context.status field, so Logs Insights cannot count statuses. Switch to the recommended format.',
    };
  return { state: 'on', logGroupName: accessLog.logGroupName, canaryApart: fields.canary !== undefined };
}

/** How long to wait between GetQueryResults calls, then how long in all before giving up. */
const POLL_MS = [50, 100, 200, 400, 800];
const QUERY_DEADLINE_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface QueryAnswer {
  rows: Record<string, string>[];
  recordsMatched: number;
}

/** CloudWatch Logs in the console's terms: access-log groups and Logs Insights queries. */
export class Logs {
  constructor(private readonly client: CloudWatchLogsClient) {}

  /** Creates the group (if missing) with a retention, and returns the ARN a stage's destination takes. */
  async ensureLogGroup(logGroupName: string, retentionInDays: number): Promise<string> {
    try {
      await this.client.send(new CreateLogGroupCommand({ logGroupName }));
    } catch (err) {
      if (!(err instanceof Error && err.name === 'ResourceAlreadyExistsException')) throw err;
    }
    await this.client.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays }));
    const { logGroups } = await this.client.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName, limit: 1 }),
    );
    const group = logGroups?.find((candidate) => candidate.logGroupName === logGroupName);
    const arn = group?.logGroupArn ?? group?.arn?.replace(/:\*$/, '');
    if (!arn)
      throw new ProblemError(
        502,
        'AWS_UNAVAILABLE',
        'CloudWatch Logs failed',
        `Log group ${logGroupName} was created but cannot be read.`,
      );
    return arn;
  }

  /**
   * One Logs Insights query over one log group or several (up to 50): StartQuery, then GetQueryResults until it has finished. A query still
   * running at the deadline is stopped, so it does not keep one of the account's concurrent queries.
   */
  async query(
    logGroups: string | string[],
    startSeconds: number,
    endSeconds: number,
    queryString: string,
    limit: number,
  ): Promise<QueryAnswer> {
    let queryId: string | undefined;
    try {
      ({ queryId } = await this.client.send(
        new StartQueryCommand({
          ...(typeof logGroups === 'string' ? { logGroupName: logGroups } : { logGroupNames: logGroups }),
          startTime: startSeconds,
          endTime: endSeconds,
          queryString,
          limit,
        }),
      ));
    } catch (err) {
      if (err instanceof Error && err.name === 'ResourceNotFoundException')
        throw new ProblemError(
          404,
          'NOT_FOUND',
          'Log group not found',
          `An access-log group of ${[logGroups].flat().join(', ')} does not exist. Turn the stage's access logging off and on again to create it.`,
        );
      throw err;
    }
    const deadline = Date.now() + QUERY_DEADLINE_MS;
    for (let attempt = 0; ; attempt++) {
      const result = await this.client.send(new GetQueryResultsCommand({ queryId }));
      if (result.status === 'Complete') {
        return {
          rows: (result.results ?? []).map((row) =>
            Object.fromEntries(row.map((cell) => [cell.field ?? '', cell.value ?? ''])),
          ),
          recordsMatched: result.statistics?.recordsMatched ?? 0,
        };
      }
      if (result.status !== 'Scheduled' && result.status !== 'Running' && result.status !== undefined) {
        throw new ProblemError(
          502,
          'AWS_UNAVAILABLE',
          'The Logs Insights query failed',
          `CloudWatch Logs ended the query with status ${result.status}.`,
        );
      }
      if (Date.now() >= deadline) {
        await this.client.send(new StopQueryCommand({ queryId })).catch(() => undefined);
        throw new ProblemError(
          504,
          'AWS_TIMEOUT',
          'The Logs Insights query took too long',
          'Try a shorter range.',
        );
      }
      await sleep(POLL_MS[Math.min(attempt, POLL_MS.length - 1)]!);
    }
  }
}
