import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const callKind = pgEnum("call_kind", ["image", "chat"]);

/**
 * The ledger: one row per call, never updated once written. Only `lib/ledger` inserts here.
 * Every unique key includes `account_id` (the planned distribution column) and `created_at`
 * (the planned monthly partition key).
 */
export const calls = pgTable(
  "calls",
  {
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    keyId: bigint("key_id", { mode: "number" }).notNull(),
    /** Idempotency key within a key: a retried record returns the first row. */
    requestId: text("request_id").notNull(),
    kind: callKind("kind").notNull(),
    model: text("model").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** Calendar day in Asia/Shanghai of created_at: the day limits and rollups count in. */
    billingDay: date("billing_day", { mode: "string" }).notNull(),
    latencyMs: integer("latency_ms").notNull().default(0),
    region: text("region"),
    size: text("size"),
    quality: text("quality"),
    n: smallint("n").notNull().default(1),
    imagesDelivered: smallint("images_delivered").notNull().default(0),
    httpStatus: smallint("http_status").notNull(),
    /** Null on success; otherwise one of the reference's codes (or client_closed, invalid_request_error…). */
    errorCode: text("error_code"),
    costMicros: bigint("cost_micros", { mode: "number" }).notNull().default(0),
    /** Price-book unit price per image that applied (image calls). */
    unitPriceMicros: bigint("unit_price_micros", { mode: "number" }),
    /** The per-image floor that applied (image calls). */
    floorMicros: bigint("floor_micros", { mode: "number" }),
    priceVersion: integer("price_version"),
    promptPreview: text("prompt_preview"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    /** Whatever usage block the upstream sent, verbatim. */
    upstreamUsage: jsonb("upstream_usage"),
  },
  (t) => [
    primaryKey({ name: "calls_pk", columns: [t.accountId, t.createdAt, t.id] }),
    uniqueIndex("calls_idempotency_uq").on(t.accountId, t.keyId, t.requestId, t.createdAt),
    index("calls_key_request_idx").on(t.keyId, t.requestId),
    /** Support finds a call by the request id a customer quotes. */
    index("calls_request_id_idx").on(t.requestId),
    index("calls_key_time_idx").on(t.keyId, t.createdAt.desc(), t.id.desc()),
    index("calls_account_time_idx").on(t.accountId, t.createdAt.desc(), t.id.desc()),
    index("calls_failed_idx")
      .on(t.keyId, t.createdAt.desc())
      .where(sql`${t.errorCode} is not null`),
  ],
);

export type Call = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;
