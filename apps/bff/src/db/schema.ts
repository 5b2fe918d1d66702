import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

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

/**
 * Progressive rollouts of a stage's canary, driven by the runner (apps/bff/src/rollouts/runner.ts). The row
 * is the rollout's whole state, so any replica can take over after a crash; `lease_*` says which one drives it.
 */
export const rollouts = pgTable(
  'rollouts',
  {
    id: text('id').primaryKey(),
    apiId: text('api_id').notNull(),
    stage: text('stage').notNull(),
    state: text('state').notNull(),
    /** Index of the current step. */
    step: integer('step').notNull().default(0),
    steps: jsonb('steps').notNull(),
    gates: jsonb('gates').notNull(),
    onFailure: text('on_failure').notNull(),
    onSuccess: text('on_success').notNull(),
    template: text('template'),
    /** Start from this deployment (no canary yet) rather than the stage's canary. */
    deploymentId: text('deployment_id'),
    startedBy: text('started_by').notNull(),
    startedByRole: text('started_by_role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** When the current step's traffic was applied; null until it is. */
    stepStartedAt: timestamp('step_started_at', { withTimezone: true }),
    /** Bake time left when paused, so resuming continues with what was left. */
    pausedBakeMs: bigint('paused_bake_ms', { mode: 'number' }),
    /** The canary percentage and deployment the runner last applied: a stage that differs was changed by a person. */
    appliedPercent: doublePrecision('applied_percent'),
    appliedDeploymentId: text('applied_deployment_id'),
    /** A step the runner is applying: written before UpdateStage, so a restart knows whether it happened. */
    applyingStep: integer('applying_step'),
    skipRequested: integer('skip_requested').notNull().default(0),
    approved: integer('approved').notNull().default(0),
    reason: text('reason'),
    lastVerdict: jsonb('last_verdict'),
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true }),
    /** Bumped by every change: the ETag of the controls' If-Match. */
    version: integer('version').notNull().default(1),
    /** Where each event is POSTed, signed with the secret (never shown again). */
    webhookUrl: text('webhook_url'),
    webhookSecret: text('webhook_secret'),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
  },
  (table) => [
    index('rollouts_api_stage_idx').on(table.apiId, table.stage),
    index('rollouts_active_idx').on(table.state).where(sql`${table.state} in ('running', 'waiting')`),
  ],
);

/** What happened in a rollout, with its numbers: steps applied, verdicts, pauses, the end. */
export const rolloutEvents = pgTable(
  'rollout_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    rolloutId: text('rollout_id')
      .notNull()
      .references(() => rollouts.id, { onDelete: 'cascade' }),
    time: timestamp('time', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    step: integer('step').notNull(),
    detail: text('detail').notNull(),
    verdict: jsonb('verdict'),
  },
  (table) => [index('rollout_events_rollout_idx').on(table.rolloutId, table.id)],
);

/**
 * The console's running processes sharing this database, each seen within the last few seconds: the
 * AWS call budget is split between them (aws/budget-share.ts).
 */
export const consoleReplicas = pgTable('console_replicas', {
  id: text('id').primaryKey(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
});
