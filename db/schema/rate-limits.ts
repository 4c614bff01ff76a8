import { bigint, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/**
 * The store of `rate-limiter-flexible`'s Postgres limiters (sign-in throttle, request rates),
 * in the shape that library expects, created by our migrations (the limiters run with
 * `tableCreated: true`). Counters survive a restart and are shared by every process.
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  /** Epoch milliseconds. */
  expire: bigint("expire", { mode: "number" }),
});
