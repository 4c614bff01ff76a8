import { bigint, index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const currency = pgEnum("currency", ["USD", "CNY"]);

export const accounts = pgTable("accounts", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull().unique(),
  /** Settlement currency of the customer's main account; prices stay in USD. */
  currency: currency("currency").notNull().default("USD"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  /** Trigram index (pg_trgm): the console's search matches any part of a name. */
  index("accounts_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
]);

export type Account = typeof accounts.$inferSelect;
