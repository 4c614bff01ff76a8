import { bigint, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { limitRequests } from "./limit-requests";
import { users } from "./users";

/** Audit trail of every limit change, written in the same transaction as the change. */
export const limitChanges = pgTable(
  "limit_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    keyId: bigint("key_id", { mode: "number" })
      .notNull()
      .references(() => apiKeys.id),
    /** Null when the change came from the command line. */
    actorUserId: bigint("actor_user_id", { mode: "number" }).references(() => users.id),
    actorLabel: text("actor_label").notNull(),
    field: text("field").notNull(),
    oldValue: text("old_value"),
    newValue: text("new_value"),
    reason: text("reason").notNull(),
    temporaryUntil: timestamp("temporary_until", { withTimezone: true }),
    /** The customer's limit request this change answered, if any. */
    limitRequestId: bigint("limit_request_id", { mode: "number" }).references(() => limitRequests.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("limit_changes_key_idx").on(t.keyId, t.at.desc()),
    index("limit_changes_account_idx").on(t.accountId, t.at.desc()),
    index("limit_changes_at_idx").on(t.at.desc()),
  ],
);

export type LimitChange = typeof limitChanges.$inferSelect;
