-- Trigram matching for the support console's search (any part of a name, email, alias or key).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "usage_daily_account" (
	"day" date NOT NULL,
	"account_id" bigint NOT NULL,
	"kind" "call_kind" NOT NULL,
	"error_code" text DEFAULT '' NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"images" integer DEFAULT 0 NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_account_pk" PRIMARY KEY("day","account_id","kind","error_code")
);
--> statement-breakpoint
CREATE INDEX "accounts_name_trgm_idx" ON "accounts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_email_trgm_idx" ON "users" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "api_keys_alias_trgm_idx" ON "api_keys" USING gin ("alias" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "api_keys_display_trgm_idx" ON "api_keys" USING gin ("display" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "key_day_counters_day_idx" ON "key_day_counters" USING btree ("day");--> statement-breakpoint
-- Existing ledgers: the new rollup starts from what usage_daily already holds.
INSERT INTO "usage_daily_account" ("day", "account_id", "kind", "error_code", "calls", "images", "cost_micros")
SELECT "day", "account_id", "kind", "error_code", sum("calls"), sum("images"), sum("cost_micros")
FROM "usage_daily"
GROUP BY "day", "account_id", "kind", "error_code";
