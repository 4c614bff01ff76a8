import { bigint, date, index, integer, pgTable, primaryKey } from "drizzle-orm/pg-core";

/**
 * Per key and billing day: what is used and what in-flight calls have reserved. The gateway
 * reserves with one conditional UPDATE; the ledger turns a reservation into use in the call's
 * transaction, so a delivered image is counted exactly once.
 */
export const keyDayCounters = pgTable(
  "key_day_counters",
  {
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    keyId: bigint("key_id", { mode: "number" }).notNull(),
    day: date("day", { mode: "string" }).notNull(),
    imagesUsed: integer("images_used").notNull().default(0),
    imagesReserved: integer("images_reserved").notNull().default(0),
    costUsedMicros: bigint("cost_used_micros", { mode: "number" }).notNull().default(0),
    costReservedMicros: bigint("cost_reserved_micros", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "key_day_counters_pk", columns: [t.keyId, t.day] }),
    /** The console's top keys over a range of days, across every key. */
    index("key_day_counters_day_idx").on(t.day),
  ],
);

export type KeyDayCounter = typeof keyDayCounters.$inferSelect;
