CREATE TYPE "public"."currency" AS ENUM('USD', 'CNY');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('customer', 'support', 'admin');--> statement-breakpoint
CREATE TYPE "public"."key_status" AS ENUM('active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."call_kind" AS ENUM('image', 'chat');--> statement-breakpoint
CREATE TYPE "public"."limit_request_status" AS ENUM('pending', 'approved', 'denied');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"currency" "currency" DEFAULT 'USD' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" DEFAULT 'customer' NOT NULL,
	"account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"alias" text NOT NULL,
	"lookup_hash" text NOT NULL,
	"display" text NOT NULL,
	"status" "key_status" DEFAULT 'active' NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"spent_total_micros" bigint DEFAULT 0 NOT NULL,
	"daily_image_cap" integer DEFAULT 100 NOT NULL,
	"concurrency_cap" integer DEFAULT 2 NOT NULL,
	"daily_cost_limit_micros" bigint,
	"total_cost_limit_micros" bigint,
	"temp_daily_image_cap" integer,
	"temp_concurrency_cap" integer,
	"temp_daily_cost_limit_micros" bigint,
	"temp_total_cost_limit_micros" bigint,
	"temp_until" timestamp with time zone,
	"prompt_preview" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"key_id" bigint NOT NULL,
	"request_id" text NOT NULL,
	"kind" "call_kind" NOT NULL,
	"model" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"billing_day" date NOT NULL,
	"latency_ms" integer DEFAULT 0 NOT NULL,
	"region" text,
	"size" text,
	"quality" text,
	"n" smallint DEFAULT 1 NOT NULL,
	"images_delivered" smallint DEFAULT 0 NOT NULL,
	"http_status" smallint NOT NULL,
	"error_code" text,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"unit_price_micros" bigint,
	"floor_micros" bigint,
	"price_version" integer,
	"prompt_preview" text,
	"input_tokens" integer,
	"output_tokens" integer,
	"upstream_usage" jsonb,
	CONSTRAINT "calls_pk" PRIMARY KEY("account_id","created_at","id")
);
--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"account_id" bigint NOT NULL,
	"key_id" bigint NOT NULL,
	"day" date NOT NULL,
	"kind" "call_kind" NOT NULL,
	"model" text NOT NULL,
	"size" text DEFAULT '' NOT NULL,
	"quality" text DEFAULT '' NOT NULL,
	"error_code" text DEFAULT '' NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"images" integer DEFAULT 0 NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"latency_ms_sum" bigint DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_pk" PRIMARY KEY("account_id","key_id","day","kind","model","size","quality","error_code")
);
--> statement-breakpoint
CREATE TABLE "key_day_counters" (
	"account_id" bigint NOT NULL,
	"key_id" bigint NOT NULL,
	"day" date NOT NULL,
	"images_used" integer DEFAULT 0 NOT NULL,
	"images_reserved" integer DEFAULT 0 NOT NULL,
	"cost_used_micros" bigint DEFAULT 0 NOT NULL,
	"cost_reserved_micros" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "key_day_counters_pk" PRIMARY KEY("key_id","day")
);
--> statement-breakpoint
CREATE TABLE "in_flight" (
	"key_id" bigint NOT NULL,
	"request_id" text NOT NULL,
	"account_id" bigint NOT NULL,
	"images" integer DEFAULT 1 NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"day" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "in_flight_pk" PRIMARY KEY("key_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "price_book" (
	"version" integer NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"size" text NOT NULL,
	"quality" text NOT NULL,
	"unit_price_micros" bigint NOT NULL,
	"floor_micros" bigint NOT NULL,
	CONSTRAINT "price_book_pk" PRIMARY KEY("version","size","quality")
);
--> statement-breakpoint
CREATE TABLE "limit_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "limit_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"key_id" bigint NOT NULL,
	"actor_user_id" bigint,
	"actor_label" text NOT NULL,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"reason" text NOT NULL,
	"temporary_until" timestamp with time zone,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "limit_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "limit_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"key_id" bigint NOT NULL,
	"requested_by" bigint,
	"field" text NOT NULL,
	"requested_value" text NOT NULL,
	"reason" text NOT NULL,
	"status" "limit_request_status" DEFAULT 'pending' NOT NULL,
	"decided_by" bigint,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "limit_changes" ADD CONSTRAINT "limit_changes_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "limit_changes" ADD CONSTRAINT "limit_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "limit_requests" ADD CONSTRAINT "limit_requests_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "limit_requests" ADD CONSTRAINT "limit_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "limit_requests" ADD CONSTRAINT "limit_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_account_idx" ON "users" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_lookup_hash_uq" ON "api_keys" USING btree ("lookup_hash");--> statement-breakpoint
CREATE INDEX "api_keys_account_idx" ON "api_keys" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_idempotency_uq" ON "calls" USING btree ("account_id","key_id","request_id","created_at");--> statement-breakpoint
CREATE INDEX "calls_key_request_idx" ON "calls" USING btree ("key_id","request_id");--> statement-breakpoint
CREATE INDEX "calls_key_time_idx" ON "calls" USING btree ("key_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "calls_account_time_idx" ON "calls" USING btree ("account_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "calls_failed_idx" ON "calls" USING btree ("key_id","created_at" DESC NULLS LAST) WHERE "calls"."error_code" is not null;--> statement-breakpoint
CREATE INDEX "in_flight_expires_idx" ON "in_flight" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "limit_changes_key_idx" ON "limit_changes" USING btree ("key_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "limit_requests_status_idx" ON "limit_requests" USING btree ("status","created_at" DESC NULLS LAST);