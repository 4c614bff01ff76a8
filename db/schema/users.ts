import { bigint, index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

export const userRole = pgEnum("user_role", ["customer", "support", "admin"]);

export const users = pgTable(
  "users",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Stored lower-cased; sign-in compares lower-cased input. */
    email: text("email").notNull().unique(),
    name: text("name").notNull().default(""),
    /** argon2id hash; never the password. */
    passwordHash: text("password_hash").notNull(),
    role: userRole("role").notNull().default("customer"),
    /** Set for customers; staff belong to no account. */
    accountId: bigint("account_id", { mode: "number" }).references(() => accounts.id),
    /** Set when the user may no longer sign in (`npm run users -- disable`). */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("users_account_idx").on(t.accountId),
    /** Trigram index (pg_trgm): the console's search matches any part of an email. */
    index("users_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
  ],
);

export type User = typeof users.$inferSelect;
