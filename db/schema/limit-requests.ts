import { bigint, index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { users } from "./users";

export const limitRequestStatus = pgEnum("limit_request_status", ["pending", "approved", "denied"]);

/** A customer asks for a higher limit; support approves or denies with a note. */
export const limitRequests = pgTable(
  "limit_requests",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    keyId: bigint("key_id", { mode: "number" })
      .notNull()
      .references(() => apiKeys.id),
    requestedBy: bigint("requested_by", { mode: "number" }).references(() => users.id),
    field: text("field").notNull(),
    requestedValue: text("requested_value").notNull(),
    reason: text("reason").notNull(),
    status: limitRequestStatus("status").notNull().default("pending"),
    decidedBy: bigint("decided_by", { mode: "number" }).references(() => users.id),
    decisionNote: text("decision_note"),
    /** When approved as a temporary raise: when it ends. */
    approvedUntil: timestamp("approved_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    index("limit_requests_status_idx").on(t.status, t.createdAt.desc()),
    index("limit_requests_account_idx").on(t.accountId, t.createdAt.desc()),
  ],
);

export type LimitRequest = typeof limitRequests.$inferSelect;
