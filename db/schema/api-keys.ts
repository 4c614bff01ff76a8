import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

export const keyStatus = pgEnum("key_status", ["active", "disabled"]);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint("account_id", { mode: "number" })
      .notNull()
      .references(() => accounts.id),
    alias: text("alias").notNull(),
    /** sha256_hex(sha256_hex(raw key)). The raw key and the token are never stored. */
    lookupHash: text("lookup_hash").notNull(),
    /** `cr_AbCd…wxyz`: enough to recognise a key, not enough to use it. */
    display: text("display").notNull(),
    status: keyStatus("status").notNull().default("active"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    /** All-time billed spend of the key (image + chat), kept by the ledger in the call's transaction. */
    spentTotalMicros: bigint("spent_total_micros", { mode: "number" }).notNull().default(0),
    dailyImageCap: integer("daily_image_cap").notNull().default(100),
    concurrencyCap: integer("concurrency_cap").notNull().default(2),
    /** Null = no limit. */
    dailyCostLimitMicros: bigint("daily_cost_limit_micros", { mode: "number" }),
    /** Null = no limit. */
    totalCostLimitMicros: bigint("total_cost_limit_micros", { mode: "number" }),
    /**
     * Temporary overrides, one per limit, each with its own end: the override is in force while
     * its `_until` is after the request's clock, then the permanent value applies again by itself.
     */
    tempDailyImageCap: integer("temp_daily_image_cap"),
    tempDailyImageCapUntil: timestamp("temp_daily_image_cap_until", { withTimezone: true }),
    tempConcurrencyCap: integer("temp_concurrency_cap"),
    tempConcurrencyCapUntil: timestamp("temp_concurrency_cap_until", { withTimezone: true }),
    tempDailyCostLimitMicros: bigint("temp_daily_cost_limit_micros", { mode: "number" }),
    tempDailyCostLimitUntil: timestamp("temp_daily_cost_limit_until", { withTimezone: true }),
    tempTotalCostLimitMicros: bigint("temp_total_cost_limit_micros", { mode: "number" }),
    tempTotalCostLimitUntil: timestamp("temp_total_cost_limit_until", { withTimezone: true }),
    /** Keep the first 120 characters of prompts in the ledger for this key. */
    promptPreview: boolean("prompt_preview").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("api_keys_display_idx").on(t.display),
    /** Trigram indexes (pg_trgm): the console finds a key by part of its alias or its last 4 characters. */
    index("api_keys_alias_trgm_idx").using("gin", t.alias.op("gin_trgm_ops")),
    index("api_keys_display_trgm_idx").using("gin", t.display.op("gin_trgm_ops")),
    uniqueIndex("api_keys_lookup_hash_uq").on(t.lookupHash),
    index("api_keys_account_idx").on(t.accountId),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
