import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiKeys, calls, inFlight, keyDayCounters, usageDaily, type Call } from "@/db/schema";
import { BILLING_TZ } from "@/lib/time/billing-day";

export type CallRecord = {
  requestId: string;
  accountId: number;
  keyId: number;
  kind: "image" | "chat";
  model: string;
  createdAt: Date;
  latencyMs: number;
  region?: string | null;
  size?: string | null;
  quality?: string | null;
  n?: number;
  imagesDelivered: number;
  httpStatus: number;
  errorCode?: string | null;
  costMicros: number;
  unitPriceMicros?: number | null;
  floorMicros?: number | null;
  priceVersion?: number | null;
  promptPreview?: string | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  upstreamUsage?: unknown;
};

/**
 * What the gateway reserved before calling upstream, returned in the same transaction that
 * records the call, so a delivered image moves from "reserved" to "used" exactly once.
 */
export type Reservation = { images: number; costMicros: number; releaseLease: boolean };

export type RecordResult = { status: "inserted" | "duplicate"; call: Call };

export const PROMPT_PREVIEW_CHARS = 120;

export function promptPreviewOf(prompt: string): string {
  return Array.from(prompt).slice(0, PROMPT_PREVIEW_CHARS).join("");
}

/**
 * Records one call: the ledger row, its rollup, the key's day counter and the key's totals in
 * one transaction. Idempotent on (key, request_id): recording the same call again returns the
 * first row and changes nothing.
 */
export async function recordCall(
  db: DbOrTx,
  record: CallRecord,
  reservation?: Reservation,
): Promise<RecordResult> {
  return db.transaction((tx) => recordCallInTx(tx, record, reservation));
}

/** The body of `recordCall`, for callers that already hold a transaction (batch ingest). */
export async function recordCallInTx(
  tx: DbOrTx,
  record: CallRecord,
  reservation?: Reservation,
): Promise<RecordResult> {
  assertConsistent(record);
  const existing = await findByRequestId(tx, record.keyId, record.requestId);
  if (existing) return { status: "duplicate", call: existing };

  const errorCode = record.errorCode ?? null;
  const [row] = await tx
    .insert(calls)
    .values({
      accountId: record.accountId,
      keyId: record.keyId,
      requestId: record.requestId,
      kind: record.kind,
      model: record.model,
      createdAt: record.createdAt,
      billingDay: sql`(${record.createdAt.toISOString()}::timestamptz at time zone ${BILLING_TZ})::date`,
      latencyMs: Math.max(0, Math.round(record.latencyMs)),
      region: record.region ?? null,
      size: record.size ?? null,
      quality: record.quality ?? null,
      n: record.n ?? 1,
      imagesDelivered: record.imagesDelivered,
      httpStatus: record.httpStatus,
      errorCode,
      costMicros: record.costMicros,
      unitPriceMicros: record.unitPriceMicros ?? null,
      floorMicros: record.floorMicros ?? null,
      priceVersion: record.priceVersion ?? null,
      promptPreview: record.promptPreview ?? null,
      inputTokens: record.inputTokens ?? null,
      outputTokens: record.outputTokens ?? null,
      upstreamUsage: record.upstreamUsage ?? null,
    })
    .onConflictDoNothing()
    .returning();

  if (!row) {
    // A concurrent recorder of the same call won the race; its row is the answer.
    const winner = await findByRequestId(tx, record.keyId, record.requestId);
    if (!winner) throw new Error(`ledger conflict without a row for ${record.requestId}`);
    return { status: "duplicate", call: winner };
  }

  await tx
    .insert(usageDaily)
    .values({
      accountId: row.accountId,
      keyId: row.keyId,
      day: row.billingDay,
      kind: row.kind,
      model: row.model,
      size: row.size ?? "",
      quality: row.quality ?? "",
      errorCode: errorCode ?? "",
      calls: 1,
      images: row.imagesDelivered,
      costMicros: row.costMicros,
      latencyMsSum: row.latencyMs,
      inputTokens: row.inputTokens ?? 0,
      outputTokens: row.outputTokens ?? 0,
    })
    .onConflictDoUpdate({
      target: [
        usageDaily.accountId,
        usageDaily.keyId,
        usageDaily.day,
        usageDaily.kind,
        usageDaily.model,
        usageDaily.size,
        usageDaily.quality,
        usageDaily.errorCode,
      ],
      set: {
        calls: sql`${usageDaily.calls} + 1`,
        images: sql`${usageDaily.images} + excluded.images`,
        costMicros: sql`${usageDaily.costMicros} + excluded.cost_micros`,
        latencyMsSum: sql`${usageDaily.latencyMsSum} + excluded.latency_ms_sum`,
        inputTokens: sql`${usageDaily.inputTokens} + excluded.input_tokens`,
        outputTokens: sql`${usageDaily.outputTokens} + excluded.output_tokens`,
      },
    });

  const releaseImages = reservation?.images ?? 0;
  const releaseCost = reservation?.costMicros ?? 0;
  if (row.imagesDelivered > 0 || row.costMicros > 0 || releaseImages > 0 || releaseCost > 0) {
    await tx
      .insert(keyDayCounters)
      .values({
        accountId: row.accountId,
        keyId: row.keyId,
        day: row.billingDay,
        imagesUsed: row.imagesDelivered,
        costUsedMicros: row.costMicros,
      })
      .onConflictDoUpdate({
        target: [keyDayCounters.keyId, keyDayCounters.day],
        set: {
          imagesUsed: sql`${keyDayCounters.imagesUsed} + excluded.images_used`,
          costUsedMicros: sql`${keyDayCounters.costUsedMicros} + excluded.cost_used_micros`,
          imagesReserved: sql`greatest(0, ${keyDayCounters.imagesReserved} - ${releaseImages})`,
          costReservedMicros: sql`greatest(0, ${keyDayCounters.costReservedMicros} - ${releaseCost})`,
        },
      });
  }

  await tx
    .update(apiKeys)
    .set({
      lastUsedAt: sql`greatest(${apiKeys.lastUsedAt}, ${row.createdAt.toISOString()}::timestamptz)`,
      spentTotalMicros: sql`${apiKeys.spentTotalMicros} + ${row.costMicros}`,
    })
    .where(and(eq(apiKeys.id, row.keyId), eq(apiKeys.accountId, row.accountId)));

  if (reservation?.releaseLease) {
    await tx
      .delete(inFlight)
      .where(and(eq(inFlight.keyId, row.keyId), eq(inFlight.requestId, row.requestId)));
  }

  return { status: "inserted", call: row };
}

async function findByRequestId(tx: DbOrTx, keyId: number, requestId: string) {
  const [row] = await tx
    .select()
    .from(calls)
    .where(and(eq(calls.keyId, keyId), eq(calls.requestId, requestId)))
    .limit(1);
  return row;
}

/** Failed calls are never billed and deliver nothing; money is integer micro-USD. */
export function assertConsistent(r: CallRecord) {
  if (!Number.isSafeInteger(r.costMicros) || r.costMicros < 0) {
    throw new RangeError(`cost_micros must be a non-negative integer, got ${r.costMicros}`);
  }
  const failed = r.httpStatus >= 400 || (r.errorCode ?? null) !== null;
  if (failed && (r.costMicros !== 0 || r.imagesDelivered !== 0)) {
    throw new RangeError(`a failed call (status ${r.httpStatus}) cannot be billed or deliver images`);
  }
  if (Number.isNaN(r.createdAt.getTime())) throw new RangeError("created_at is not a valid time");
}
