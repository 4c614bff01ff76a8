import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Gateway retries: the first answer to an `Idempotency-Key` of a key, kept 24 h. A retry with the
 * same body gets the stored answer (billed once); another body gets 422; a retry while the first
 * is still running gets 409.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    keyId: bigint("key_id", { mode: "number" }).notNull(),
    /** The client's Idempotency-Key header value. */
    idemKey: text("idem_key").notNull(),
    /** sha256 hex of the request body, to tell a retry from a different request. */
    bodyHash: text("body_hash").notNull(),
    /** The ledger request_id of the first call. */
    requestId: text("request_id").notNull(),
    /** Null while the first call runs. */
    responseStatus: integer("response_status"),
    responseHeaders: jsonb("response_headers"),
    responseBody: text("response_body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "idempotency_keys_pk", columns: [t.accountId, t.keyId, t.idemKey] }),
    index("idempotency_keys_expires_idx").on(t.expiresAt),
  ],
);

export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
