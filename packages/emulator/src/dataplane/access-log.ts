import type { LogStore } from '../logs/store.ts';
import type { StageRecord } from '../state.ts';
import type { GatewayResponseType } from './gateway-responses.ts';

/** What the data plane knows of a request when it has answered it: the `$context` of its access-log line. */
export interface AccessLogContext {
  apiId: string;
  accountId: string;
  domainName: string;
  stage: StageRecord;
  deploymentId: string;
  requestId: string;
  extendedRequestId: string;
  httpMethod: string;
  /** The request path after the stage, e.g. `/pets/7`. */
  path: string;
  resourcePath?: string;
  resourceId?: string;
  status: number;
  startedAtMs: number;
  responseLatencyMs: number;
  integrationLatencyMs?: number;
  integrationStatus?: number;
  errorType?: GatewayResponseType;
  errorMessage?: string;
  canary: boolean;
  sourceIp: string;
  userAgent?: string;
  protocol: string;
  responseLength?: number;
}

/**
 * `$context.error.responseType` as API Gateway names its gateway responses; the emulator's internal
 * names differ for the integration's failures.
 */
const RESPONSE_TYPES: Partial<Record<GatewayResponseType, string>> = {
  BAD_GATEWAY: 'INTEGRATION_FAILURE',
  INTERNAL_ERROR: 'API_CONFIGURATION_ERROR',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
/** `$context.requestTime`: CLF time, `02/Dec/2026:11:05:00 +0000`. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

const dash = (value: string | number | undefined) => (value === undefined ? '-' : String(value));

/** The `$context` variables API Gateway documents for access logs, as the emulator fills them. */
const VARIABLES: Record<string, (c: AccessLogContext) => string> = {
  accountId: (c) => c.accountId,
  apiId: (c) => c.apiId,
  deploymentId: (c) => c.deploymentId,
  domainName: (c) => c.domainName,
  'error.message': (c) => dash(c.errorMessage),
  'error.messageString': (c) => (c.errorMessage === undefined ? '-' : JSON.stringify(c.errorMessage)),
  'error.responseType': (c) => (c.errorType ? (RESPONSE_TYPES[c.errorType] ?? c.errorType) : '-'),
  extendedRequestId: (c) => c.extendedRequestId,
  httpMethod: (c) => c.httpMethod,
  'identity.sourceIp': (c) => c.sourceIp,
  'identity.userAgent': (c) => dash(c.userAgent),
  'integration.latency': (c) =>
    dash(c.integrationLatencyMs === undefined ? undefined : Math.round(c.integrationLatencyMs)),
  'integration.status': (c) => dash(c.integrationStatus),
  integrationLatency: (c) =>
    dash(c.integrationLatencyMs === undefined ? undefined : Math.round(c.integrationLatencyMs)),
  integrationStatus: (c) => dash(c.integrationStatus),
  isCanaryRequest: (c) => String(c.canary),
  path: (c) => `/${c.stage.stageName}${c.path}`,
  protocol: (c) => c.protocol,
  requestId: (c) => c.requestId,
  requestTime: (c) => clfTime(c.startedAtMs),
  requestTimeEpoch: (c) => String(Math.floor(c.startedAtMs)),
  resourceId: (c) => dash(c.resourceId),
  resourcePath: (c) => dash(c.resourcePath),
  responseLatency: (c) => String(Math.round(c.responseLatencyMs)),
  responseLength: (c) => dash(c.responseLength),
  stage: (c) => c.stage.stageName,
  status: (c) => String(c.status),
};

/** The variables a format may use, longest first so `$context.integrationLatency` wins over a prefix. */
const VARIABLE_NAMES = Object.keys(VARIABLES).sort((a, b) => b.length - a.length);
const VARIABLE = new RegExp(
  `\\$context\\.(${VARIABLE_NAMES.map((n) => n.replaceAll('.', '\\.')).join('|')})`,
  'g',
);

/** The `$context` variables known before the integration runs: what mapping templates can read. */
const REQUEST_VARIABLES = new Set([
  'accountId',
  'apiId',
  'deploymentId',
  'domainName',
  'extendedRequestId',
  'httpMethod',
  'identity.sourceIp',
  'identity.userAgent',
  'isCanaryRequest',
  'path',
  'protocol',
  'requestId',
  'requestTime',
  'requestTimeEpoch',
  'resourceId',
  'resourcePath',
  'stage',
]);

/** What the data plane knows of a request before it is answered. */
export type RequestContext = Omit<AccessLogContext, 'status' | 'responseLatencyMs'>;

/**
 * Renders `$context.*` in a mapping template. Variables not known yet (or not documented) render
 * empty, as API Gateway renders a missing value.
 */
export function renderContextVariables(template: string, c: RequestContext): string {
  if (!template.includes('$context.')) return template;
  const known: AccessLogContext = { ...c, status: 0, responseLatencyMs: 0 };
  return template.replace(VARIABLE, (_, name: string) =>
    REQUEST_VARIABLES.has(name) ? VARIABLES[name]!(known) : '',
  );
}

/** A format turned into its literal pieces and variable readers, once per distinct format. */
type CompiledFormat = (c: AccessLogContext) => string;

export function compileAccessLogFormat(format: string): CompiledFormat {
  const parts: (string | ((c: AccessLogContext) => string))[] = [];
  let last = 0;
  for (const match of format.matchAll(VARIABLE)) {
    parts.push(format.slice(last, match.index));
    parts.push(VARIABLES[match[1]!]!);
    last = match.index + match[0].length;
  }
  parts.push(format.slice(last));
  // Values go inside JSON strings in the usual formats: quotes and backslashes in them are escaped.
  const json = format.trimStart().startsWith('{');
  return (c) => {
    let line = '';
    for (const part of parts) {
      if (typeof part === 'string') line += part;
      else {
        const value = part(c);
        line += json && /["\\\n]/.test(value) ? JSON.stringify(value).slice(1, -1) : value;
      }
    }
    return line;
  };
}

/** The log group a stage's `destinationArn` names (`arn:aws:logs:{region}:{account}:log-group:{name}`). */
export function logGroupOfArn(arn: string): string | undefined {
  return /^arn:aws[\w-]*:logs:[^:]+:\d{12}:log-group:([.\-_/#A-Za-z0-9]{1,512})(?::\*)?$/.exec(arn)?.[1];
}

/** Writes one access-log line per request of a stage with `accessLogSettings`, into CloudWatch Logs. */
export class AccessLogWriter {
  private readonly formats = new Map<string, CompiledFormat>();

  constructor(private readonly logs: LogStore) {}

  write(context: AccessLogContext): void {
    const settings = context.stage.accessLogSettings;
    if (!settings?.destinationArn || !settings.format) return;
    const groupName = logGroupOfArn(settings.destinationArn);
    const group = groupName === undefined ? undefined : this.logs.groups.get(groupName);
    // API Gateway cannot deliver to a group that does not exist; the line is lost there too.
    if (!group) return;
    let format = this.formats.get(settings.format);
    if (!format) {
      format = compileAccessLogFormat(settings.format);
      if (this.formats.size > 100) this.formats.clear();
      this.formats.set(settings.format, format);
    }
    const streamName = `${context.apiId}_${context.stage.stageName}`;
    const stream = group.streams.get(streamName) ?? this.logs.createStream(group, streamName);
    this.logs.append(group, stream, Math.floor(context.startedAtMs), format(context));
  }
}
