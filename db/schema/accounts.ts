import { bigint, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const currency = pgEnum("currency", ["USD", "CNY"]);

export const accounts = pgTable("accounts", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull().unique(),
  /** Settlement currency of the customer's main account; prices stay in USD. */
  currency: currency("currency").notNull().default("USD"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Account = typeof accounts.$inferSelect;
