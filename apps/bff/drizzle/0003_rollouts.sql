CREATE TABLE "rollout_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rollout_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rollout_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"step" integer NOT NULL,
	"detail" text NOT NULL,
	"verdict" jsonb
);
--> statement-breakpoint
CREATE TABLE "rollouts" (
	"id" text PRIMARY KEY NOT NULL,
	"api_id" text NOT NULL,
	"stage" text NOT NULL,
	"state" text NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"steps" jsonb NOT NULL,
	"gates" jsonb NOT NULL,
	"on_failure" text NOT NULL,
	"on_success" text NOT NULL,
	"template" text,
	"deployment_id" text,
	"started_by" text NOT NULL,
	"started_by_role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"step_started_at" timestamp with time zone,
	"paused_bake_ms" bigint,
	"applied_percent" double precision,
	"applied_deployment_id" text,
	"applying_step" integer,
	"skip_requested" integer DEFAULT 0 NOT NULL,
	"approved" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"last_verdict" jsonb,
	"last_evaluated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"webhook_url" text,
	"webhook_secret" text,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "rollout_events" ADD CONSTRAINT "rollout_events_rollout_id_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."rollouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollout_events_rollout_idx" ON "rollout_events" USING btree ("rollout_id","id");--> statement-breakpoint
CREATE INDEX "rollouts_api_stage_idx" ON "rollouts" USING btree ("api_id","stage");--> statement-breakpoint
CREATE INDEX "rollouts_active_idx" ON "rollouts" USING btree ("state") WHERE "rollouts"."state" in ('running', 'waiting');