import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Console users, one per person; `role` and `source` are the contract's `Role` and `UserSource`. */
export const users = pgTable('users', {
  username: text('username').primaryKey(),
  role: text('role').notNull(),
  /** `scrypt$N$r$p$salt$hash`, all base64url; null for people who sign in elsewhere (OpenID Connect, proxy). */
  passwordHash: text('password_hash'),
  /** Where the person signs in: `local` (password here), `oidc` or `proxy`. */
  source: text('source').notNull().default('local'),
  /** A disabled user cannot sign in, and their sessions end. */
  disabled: boolean('disabled').notNull().default(false),
  /** Set while the password is a temporary one an admin handed out: only changing it is allowed. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    username: text('username')
      .notNull()
      .references(() => users.username, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_expires_at_idx').on(table.expiresAt)],
);

/**
 * Every mutation the console attempted, whatever its outcome. A change is written `pending` before AWS is
 * asked and completed after; `interrupted` closes one a stopped console left pending.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    // A sequence gives a stable newest-first order and a simple paging cursor.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    time: timestamp('time', { withTimezone: true }).notNull().default(sql`now()`),
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    action: text('action').notNull(),
    apiId: text('api_id'),
    stage: text('stage'),
    target: text('target').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    outcome: text('outcome').notNull(),
    requestId: text('request_id').notNull(),
    detail: text('detail'),
  },
  (table) => [
    index('audit_events_api_stage_idx').on(table.apiId, table.stage),
    index('audit_events_actor_idx').on(table.actor),
    index('audit_events_time_idx').on(table.time),
    // Every start looks for changes a stopped console left pending: few rows in a table that only grows.
    index('audit_events_pending_idx').on(table.time).where(sql`${table.outcome} = 'pending'`),
  ],
);
