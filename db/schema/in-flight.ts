import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Concurrency leases. A row older than its expiry no longer counts (a crashed request). */
export const inFlight = pgTable(
  "in_flight",
  {
    keyId: bigint("key_id", { mode: "number" }).notNull(),
    requestId: text("request_id").notNull(),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    images: integer("images").notNull().default(1),
    /** Cost reserved against the key's cost limits while the call runs. */
    costMicros: bigint("cost_micros", { mode: "number" }).notNull().default(0),
    /** Billing day the images were reserved on (released on that day's counter). */
    day: text("day").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "in_flight_pk", columns: [t.keyId, t.requestId] }),
    index("in_flight_expires_idx").on(t.expiresAt),
  ],
);

export type InFlightLease = typeof inFlight.$inferSelect;
