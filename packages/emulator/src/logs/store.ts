/** A log event as CloudWatch Logs keeps it, with its JSON fields parsed once at ingestion. */
export interface LogEvent {
  timestamp: number;
  ingestionTime: number;
  message: string;
  logStreamName: string;
  /** Ingestion order across the account: breaks timestamp ties and makes event ids unique. */
  seq: number;
  /** The message's JSON object, or null when it is not one (Insights and JSON filter patterns read it). */
  fields: Record<string, unknown> | null;
}

export interface LogStream {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
}

export interface LogGroup {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  /** Every event of every stream, oldest first (timestamp, then ingestion order). */
  events: LogEvent[];
  streams: Map<string, LogStream>;
  storedBytes: number;
  tags: Record<string, string>;
  /** When retention was last applied, so a busy group does not search its oldest events on every write. */
  prunedAt: number;
}

/**
 * How many events one log group keeps before its oldest are dropped: the emulator's memory bound (an
 * access-log event costs about 1.5 KB; the demo's rollout load fills a group in about three hours).
 */
export const DEFAULT_MAX_EVENTS_PER_GROUP = 300_000;
/** Retention the emulator applies to groups without a policy (AWS keeps them forever). */
export const DEFAULT_RETENTION_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 1000;
/** AWS counts 26 bytes of overhead per event in PutLogEvents and in stored bytes. */
export const EVENT_OVERHEAD_BYTES = 26;

const DAY_MS = 86_400_000;

/** Parses a message that looks like a JSON object; anything else has no fields. */
export function jsonFieldsOf(message: string): Record<string, unknown> | null {
  if (message.charCodeAt(0) !== 123 /* { */) return null;
  try {
    const parsed: unknown = JSON.parse(message);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The account's log groups, streams and events, bounded by retention and a cap per group. */
export class LogStore {
  readonly groups = new Map<string, LogGroup>();
  private seq = 0;

  constructor(
    private readonly options: {
      maxEventsPerGroup?: number;
      defaultRetentionMs?: number;
      now?: () => number;
    } = {},
  ) {}

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  createGroup(logGroupName: string, tags: Record<string, string> = {}): LogGroup {
    const group: LogGroup = {
      logGroupName,
      creationTime: this.now(),
      events: [],
      streams: new Map(),
      storedBytes: 0,
      tags,
      prunedAt: 0,
    };
    this.groups.set(logGroupName, group);
    return group;
  }

  createStream(group: LogGroup, logStreamName: string): LogStream {
    const stream: LogStream = { logStreamName, creationTime: this.now(), storedBytes: 0 };
    group.streams.set(logStreamName, stream);
    return stream;
  }

  /** Appends one event (the access-log writer and PutLogEvents), keeping the group's time order. */
  append(
    group: LogGroup,
    stream: LogStream,
    timestamp: number,
    message: string,
    fields: Record<string, unknown> | null = jsonFieldsOf(message),
  ): void {
    const ingestionTime = this.now();
    const event: LogEvent = {
      timestamp,
      ingestionTime,
      message,
      logStreamName: stream.logStreamName,
      seq: ++this.seq,
      fields,
    };
    const events = group.events;
    const last = events.at(-1);
    if (!last || last.timestamp <= timestamp) events.push(event);
    else events.splice(firstIndexAfter(events, timestamp), 0, event);
    const bytes = Buffer.byteLength(message) + EVENT_OVERHEAD_BYTES;
    group.storedBytes += bytes;
    stream.storedBytes += bytes;
    stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? timestamp, timestamp);
    stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? timestamp, timestamp);
    stream.lastIngestionTime = ingestionTime;
    this.bound(group, ingestionTime);
  }

  /** Drops what retention and the cap no longer allow. */
  private bound(group: LogGroup, nowMs: number): void {
    const cap = this.options.maxEventsPerGroup ?? DEFAULT_MAX_EVENTS_PER_GROUP;
    // Dropped in chunks of a tenth of the cap, so a full group does not shift its array on every write.
    let drop = group.events.length > cap ? group.events.length - Math.floor(cap * 0.9) : 0;
    if (nowMs - group.prunedAt >= PRUNE_EVERY_MS) {
      group.prunedAt = nowMs;
      const retentionMs =
        group.retentionInDays !== undefined
          ? group.retentionInDays * DAY_MS
          : (this.options.defaultRetentionMs ?? DEFAULT_RETENTION_MS);
      drop = Math.max(drop, firstIndexAtOrAfter(group.events, nowMs - retentionMs));
    }
    if (drop === 0) return;
    for (const event of group.events.slice(0, drop)) {
      group.storedBytes -= Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES;
    }
    group.events.splice(0, drop);
  }

  /** Events with `startMs <= timestamp < endMs`, oldest first, without copying the group's array. */
  range(group: LogGroup, startMs: number, endMs: number): { from: number; to: number } {
    return { from: firstIndexAtOrAfter(group.events, startMs), to: firstIndexAtOrAfter(group.events, endMs) };
  }
}

/** Index of the first event at or after `timestamp` (binary search). */
export function firstIndexAtOrAfter(events: LogEvent[], timestamp: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.timestamp < timestamp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstIndexAfter(events: LogEvent[], timestamp: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.timestamp <= timestamp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
