CREATE TABLE "idempotency_keys" (
	"account_id" bigint NOT NULL,
	"key_id" bigint NOT NULL,
	"idem_key" text NOT NULL,
	"body_hash" text NOT NULL,
	"request_id" text NOT NULL,
	"response_status" integer,
	"response_headers" jsonb,
	"response_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_pk" PRIMARY KEY("account_id","key_id","idem_key")
);
--> statement-breakpoint
CREATE TABLE "throttled_requests" (
	"day" date NOT NULL,
	"scope" text NOT NULL,
	"subject" text NOT NULL,
	"account_id" bigint,
	"key_id" bigint,
	"count" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "throttled_requests_pk" PRIMARY KEY("day","scope","subject")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "temp_daily_image_cap_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "temp_concurrency_cap_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "temp_daily_cost_limit_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "temp_total_cost_limit_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD COLUMN "region" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD COLUMN "price_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "price_book" ADD COLUMN "published_by" bigint;--> statement-breakpoint
ALTER TABLE "price_book" ADD COLUMN "published_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "limit_changes" ADD COLUMN "limit_request_id" bigint;--> statement-breakpoint
ALTER TABLE "limit_requests" ADD COLUMN "approved_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "limit_changes" ADD CONSTRAINT "limit_changes_limit_request_id_limit_requests_id_fk" FOREIGN KEY ("limit_request_id") REFERENCES "public"."limit_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_display_idx" ON "api_keys" USING btree ("display");--> statement-breakpoint
CREATE INDEX "calls_request_id_idx" ON "calls" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "limit_changes_account_idx" ON "limit_changes" USING btree ("account_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "limit_changes_at_idx" ON "limit_changes" USING btree ("at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "limit_requests_account_idx" ON "limit_requests" USING btree ("account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
-- Each temporary override keeps the end it had under the one shared temp_until.
UPDATE "api_keys" SET
	"temp_daily_image_cap_until" = CASE WHEN "temp_daily_image_cap" IS NOT NULL THEN "temp_until" END,
	"temp_concurrency_cap_until" = CASE WHEN "temp_concurrency_cap" IS NOT NULL THEN "temp_until" END,
	"temp_daily_cost_limit_until" = CASE WHEN "temp_daily_cost_limit_micros" IS NOT NULL THEN "temp_until" END,
	"temp_total_cost_limit_until" = CASE WHEN "temp_total_cost_limit_micros" IS NOT NULL THEN "temp_until" END
WHERE "temp_until" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" DROP COLUMN "temp_until";--> statement-breakpoint
ALTER TABLE "usage_daily" DROP CONSTRAINT "usage_daily_pk";
--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_pk" PRIMARY KEY("account_id","key_id","day","kind","model","size","quality","error_code","region","price_version");--> statement-breakpoint
-- The rollup gained region and price version: rebuild it from the ledger so both are exact.
DELETE FROM "usage_daily";--> statement-breakpoint
INSERT INTO "usage_daily" ("account_id", "key_id", "day", "kind", "model", "size", "quality", "error_code", "region", "price_version",
	"calls", "images", "cost_micros", "latency_ms_sum", "input_tokens", "output_tokens")
SELECT "account_id", "key_id", "billing_day", "kind", "model", coalesce("size", ''), coalesce("quality", ''), coalesce("error_code", ''),
	coalesce("region", ''), coalesce("price_version", 0), count(*), sum("images_delivered"), sum("cost_micros"), sum("latency_ms"),
	coalesce(sum("input_tokens"), 0), coalesce(sum("output_tokens"), 0)
FROM "calls"
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
