import { createHmac, randomBytes } from 'node:crypto';
import type { AuditEvent, AuditPage, AuditQuery } from '@gateway-console/contract';
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { auditEvents } from '../db/schema.ts';
import { clip } from '../http/text.ts';

export type AuditOutcome = AuditEvent['outcome'];

export interface AuditEntry {
  time: Date;
  actor: string;
  role: string;
  action: string;
  apiId: string | null;
  stage: string | null;
  target: string;
  before: unknown;
  after: unknown;
  outcome: AuditOutcome;
  requestId: string;
  detail: string | null;
}

// PostgreSQL's text and jsonb refuse U+0000, and jsonb refuses unpaired surrogates: a refused request
// naming such a value would otherwise lose its audit row. Both become U+FFFD, as a lossy decoder writes.
const storable = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what PostgreSQL refuses.
  text.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** A JSON value with every string (keys too) made storable; undefined members drop out as in JSON. */
function storableJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_key, member: unknown) => {
      if (typeof member === 'string') return storable(member);
      if (member && typeof member === 'object' && !Array.isArray(member)) {
        return Object.fromEntries(Object.entries(member).map(([k, v]) => [storable(k), v]));
      }
      return member;
    }),
  );
}

/** Longest before/after stored whole (as JSON); a stage with every method's settings fits well within. */
export const MAX_STORED_JSON_CHARS = 32 * 1024;
/** Longest detail stored; a refusal's reason fits, a list of 5,000 unknown keys does not. */
export const MAX_STORED_DETAIL_CHARS = 1_000;
/** Longest name stored (actor, role, action, API, stage, target, request id). */
const MAX_STORED_NAME_CHARS = 300;
/** How many keys of an oversized object its summary names. */
const SUMMARY_KEYS = 20;

/**
 * A before/after small enough to store: whole when it fits, else a summary (its size, and for an object
 * how many keys and the first few), so no request can make the audit log grow by more than a bounded row.
 */
function boundedJson(value: unknown): unknown {
  const json = storableJson(value);
  const text = JSON.stringify(json);
  if (text.length <= MAX_STORED_JSON_CHARS) return json;
  const summary: Record<string, unknown> = { truncated: true, jsonChars: text.length };
  if (Array.isArray(json)) summary.items = json.length;
  else if (json && typeof json === 'object') {
    const keys = Object.keys(json);
    summary.keyCount = keys.length;
    summary.keys = keys.slice(0, SUMMARY_KEYS).map((k) => clip(k, 100));
  } else summary.start = clip(text, 200);
  return summary;
}

const name = (text: string) => clip(storable(text), MAX_STORED_NAME_CHARS);
const nullableName = (text: string | null) => (text === null ? null : name(text));
const boundedDetail = (text: string | null) =>
  text === null ? null : clip(storable(text), MAX_STORED_DETAIL_CHARS);

/** The entry as the database can hold it, bounded in size whatever the request carried. */
const storableEntry = (entry: AuditEntry) => ({
  ...entry,
  actor: name(entry.actor),
  role: name(entry.role),
  action: name(entry.action),
  apiId: nullableName(entry.apiId),
  stage: nullableName(entry.stage),
  target: name(entry.target),
  before: boundedJson(entry.before),
  after: boundedJson(entry.after),
  requestId: name(entry.requestId),
  detail: boundedDetail(entry.detail),
});

// Keyed per process: the tag tells repeated attempts with one name apart from others, without the name
// (often a password typed into the wrong field) being recoverable from the log.
const unknownNameKey = randomBytes(32);

/** How the audit log names a sign-in attempt for a username nobody has (ASVS 7.1.1). */
export const unknownActor = (username: string) =>
  `unknown user #${createHmac('sha256', unknownNameKey).update(username).digest('hex').slice(0, 10)}`;

/** Writes one audit row; its id lets {@link finishAudit} complete a row written ahead as `pending`. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<number> {
  const [row] = await db.insert(auditEvents).values(storableEntry(entry)).returning({ id: auditEvents.id });
  return row!.id;
}

/** How a change written ahead as `pending` ended. */
export type AuditEnding = Pick<AuditEntry, 'before' | 'after' | 'outcome' | 'detail'>;

/**
 * Completes a `pending` row. Only a pending row changes, so start-up reconciliation and a late finish
 * of the same change cannot overwrite each other; false when the row was no longer pending.
 */
export async function finishAudit(db: Database, id: number, ending: AuditEnding): Promise<boolean> {
  const rows = await db
    .update(auditEvents)
    .set({
      before: boundedJson(ending.before),
      after: boundedJson(ending.after),
      outcome: ending.outcome,
      detail: boundedDetail(ending.detail),
    })
    .where(and(eq(auditEvents.id, id), eq(auditEvents.outcome, 'pending')))
    .returning({ id: auditEvents.id });
  return rows.length === 1;
}

/** Rows still `pending` that were written before `writtenBefore`, oldest first. */
export async function pendingAudit(db: Database, writtenBefore: Date) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.outcome, 'pending'), lt(auditEvents.time, writtenBefore)))
    .orderBy(auditEvents.id);
}

/** Audit events matching the filters, newest first; `nextCursor` continues after the last one. */
export async function listAudit(db: Database, query: AuditQuery): Promise<AuditPage> {
  const filters: SQL[] = [];
  if (query.apiId) filters.push(eq(auditEvents.apiId, query.apiId));
  if (query.stage) filters.push(eq(auditEvents.stage, query.stage));
  if (query.actor) filters.push(eq(auditEvents.actor, query.actor));
  if (query.from) filters.push(gte(auditEvents.time, new Date(query.from)));
  if (query.to) filters.push(lte(auditEvents.time, new Date(query.to)));
  const cursor = query.cursor ? Number(query.cursor) : undefined;
  if (cursor !== undefined && Number.isSafeInteger(cursor)) filters.push(lt(auditEvents.id, cursor));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...filters))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(
    (row): AuditEvent => ({
      id: String(row.id),
      time: row.time.toISOString(),
      actor: row.actor,
      role: row.role,
      action: row.action,
      apiId: row.apiId,
      stage: row.stage,
      target: row.target,
      before: row.before ?? null,
      after: row.after ?? null,
      outcome: row.outcome as AuditOutcome,
      requestId: row.requestId,
      detail: row.detail,
    }),
  );
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? last.id : null };
}
