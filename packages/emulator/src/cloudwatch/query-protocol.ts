import { XMLBuilder } from 'fast-xml-parser';

/**
 * CloudWatch's AWS Query protocol, what older SDKs and the AWS CLI 2.9 speak: a form-encoded POST
 * (`Action=GetMetricData&Version=2010-08-01&MetricDataQueries.member.1.Id=m1…`) answered with
 * `<{Action}Response>` XML, errors as `<ErrorResponse>` (AWS Query API reference, "Query requests"
 * and "Query API error responses"). The service itself works on the JSON shapes; this module
 * translates both ways.
 */

export const CLOUDWATCH_VERSION = '2010-08-01';
const XMLNS = `http://monitoring.amazonaws.com/doc/${CLOUDWATCH_VERSION}/`;

/** Members whose Query value is a number or a boolean (everything else stays a string). */
const NUMERIC = new Set([
  'Period',
  'Value',
  'Values',
  'Counts',
  'MaxDatapoints',
  'SampleCount',
  'Sum',
  'Minimum',
  'Maximum',
  'StorageResolution',
]);
const BOOLEAN = new Set(['ReturnData', 'IncludeLinkedAccounts']);
/** Output members that are timestamps (the service gives epoch seconds; XML wants ISO 8601). */
const TIMESTAMPS = new Set(['Timestamps', 'Timestamp']);
/** Output members that are maps (`<entry><key/><value/></entry>`). */
const MAPS = new Set(['ExtendedStatistics']);

export interface QueryRequest {
  action: string;
  version: string | undefined;
  input: Record<string, unknown>;
}

type Node = Record<string, unknown> | unknown[];

/** `A.member.1.B=x` → `{A: [{B: x}]}`; lists are `member.N` (1-based), everything else nests. */
export function parseQueryForm(body: string): QueryRequest {
  const form = new URLSearchParams(body);
  const input: Record<string, unknown> = {};
  for (const [key, raw] of form) {
    if (key === 'Action' || key === 'Version') continue;
    const parts = key.split('.');
    let node: Node = input;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const isMember = part === 'member' && Array.isArray(node);
      const slot: string | number = isMember ? Number(parts[++i]) - 1 : part;
      if (isMember && (!Number.isInteger(slot) || (slot as number) < 0)) break;
      const last = i === parts.length - 1;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[slot] = coerce(parts, raw);
      } else {
        const nextIsList = parts[i + 1] === 'member';
        container[slot] ??= nextIsList ? [] : {};
        node = container[slot] as Node;
      }
    }
  }
  for (const list of listsIn(input)) compact(list);
  return { action: form.get('Action') ?? '', version: form.get('Version') ?? undefined, input };
}

/** By the member a value belongs to (`Values.member.3` → `Values`); a dimension's `Value` is text. */
function coerce(parts: string[], raw: string): unknown {
  const named = parts.filter((p) => p !== 'member' && !/^\d+$/.test(p));
  const name = named.at(-1) ?? '';
  if (named.at(-2) === 'Dimensions') return raw;
  if (NUMERIC.has(name)) return Number(raw);
  if (BOOLEAN.has(name)) return raw === 'true';
  return raw;
}

function* listsIn(value: unknown): Generator<unknown[]> {
  if (Array.isArray(value)) {
    yield value;
    for (const item of value) yield* listsIn(item);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) yield* listsIn(item);
  }
}

/** Drops the holes a sparse `member.N` numbering leaves. */
function compact(list: unknown[]): void {
  const dense = list.filter((item) => item !== undefined);
  list.length = 0;
  list.push(...dense);
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
});

/** The service's JSON output as Query XML: lists as `<member>`, timestamps ISO 8601. */
function toXml(value: unknown, name: string): unknown {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    return { member: value.map((item) => toXml(item, TIMESTAMPS.has(name) ? 'Timestamp' : '')) };
  }
  if (TIMESTAMPS.has(name) && typeof value === 'number') return new Date(value * 1000).toISOString();
  if (MAPS.has(name) && typeof value === 'object') {
    return { entry: Object.entries(value).map(([key, v]) => ({ key, value: v })) };
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const converted = toXml(v, key);
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  }
  return String(value);
}

export function queryResponseXml(action: string, output: unknown, requestId: string): string {
  const result = toXml(output, '') as Record<string, unknown>;
  return builder.build({
    [`${action}Response`]: {
      '@_xmlns': XMLNS,
      ...(Object.keys(result).length ? { [`${action}Result`]: result } : {}),
      ResponseMetadata: { RequestId: requestId },
    },
  });
}

export function queryErrorXml(
  error: { code: string; message: string; sender: boolean },
  requestId: string,
): string {
  return builder.build({
    ErrorResponse: {
      '@_xmlns': XMLNS,
      Error: { Type: error.sender ? 'Sender' : 'Receiver', Code: error.code, Message: error.message },
      RequestId: requestId,
    },
  });
}
