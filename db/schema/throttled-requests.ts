import { bigint, date, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Requests refused by the request-rate throttle, counted in aggregate per billing day and subject
 * instead of a ledger row each, so a flood cannot grow the ledger.
 */
export const throttledRequests = pgTable(
  "throttled_requests",
  {
    day: date("day", { mode: "string" }).notNull(),
    /** "key" (subject = key id) or "address" (subject = client address). */
    scope: text("scope").notNull(),
    subject: text("subject").notNull(),
    /** Set when the subject is a known key. */
    accountId: bigint("account_id", { mode: "number" }),
    keyId: bigint("key_id", { mode: "number" }),
    count: integer("count").notNull().default(0),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: "throttled_requests_pk", columns: [t.day, t.scope, t.subject] })],
);
