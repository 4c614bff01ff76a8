import { bigint, date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { callKind } from "./calls";

/**
 * Rollup of `calls` by key, billing day and call shape, written in the same transaction as
 * the ledger row. Dimensions that do not apply are stored as '' (never null) so they can be
 * part of the primary key; error_code '' means the call succeeded.
 */
export const usageDaily = pgTable(
  "usage_daily",
  {
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    keyId: bigint("key_id", { mode: "number" }).notNull(),
    day: date("day", { mode: "string" }).notNull(),
    kind: callKind("kind").notNull(),
    model: text("model").notNull(),
    size: text("size").notNull().default(""),
    quality: text("quality").notNull().default(""),
    errorCode: text("error_code").notNull().default(""),
    /** Where the call ran ('' when unknown). */
    region: text("region").notNull().default(""),
    /** Price-book version that priced the calls (0: not priced, e.g. chat or failed calls). */
    priceVersion: integer("price_version").notNull().default(0),
    calls: integer("calls").notNull().default(0),
    images: integer("images").notNull().default(0),
    costMicros: bigint("cost_micros", { mode: "number" }).notNull().default(0),
    latencyMsSum: bigint("latency_ms_sum", { mode: "number" }).notNull().default(0),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: "usage_daily_pk",
      columns: [t.accountId, t.keyId, t.day, t.kind, t.model, t.size, t.quality, t.errorCode, t.region, t.priceVersion],
    }),
    /**
     * The dashboard reads a whole account over a range of days: without this the primary key
     * (key first) leaves the planner a scan of every account's rollup.
     */
    index("usage_daily_account_day_idx").on(t.accountId, t.day),
  ],
);

export type UsageDailyRow = typeof usageDaily.$inferSelect;
