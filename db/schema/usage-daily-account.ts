import { bigint, date, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { callKind } from "./calls";

/**
 * Rollup of `calls` by billing day, account, kind and error code only, written in the same
 * transaction as the ledger row. The per-key rollup keeps every call shape and barely shrinks
 * when summed over the whole service; this one answers the support console's service overview
 * (per day, per account, per error code) from a few rows per account and day. Day leads the key,
 * so a range of days across every account is one index range.
 */
export const usageDailyAccount = pgTable(
  "usage_daily_account",
  {
    day: date("day", { mode: "string" }).notNull(),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    kind: callKind("kind").notNull(),
    /** '' = succeeded. */
    errorCode: text("error_code").notNull().default(""),
    calls: integer("calls").notNull().default(0),
    images: integer("images").notNull().default(0),
    costMicros: bigint("cost_micros", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ name: "usage_daily_account_pk", columns: [t.day, t.accountId, t.kind, t.errorCode] })],
);
