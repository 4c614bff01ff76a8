import "server-only";
import type { Db } from "@/db";
import { recordCall, type CallRecord } from "@/lib/ledger/record-call";
import type { Lease } from "@/lib/limits/reserve";

/**
 * Records an admitted call and gives back its reservation atomically: the ledger takes the lease
 * row in the same transaction and releases what it still held (nothing, if the lease had expired
 * and was reclaimed already), so a reservation is released exactly once.
 */
export async function settleCall(db: Db, record: CallRecord, lease: Lease): Promise<void> {
  if (record.keyId !== lease.keyId || record.requestId !== lease.requestId) {
    throw new Error(`call ${record.requestId} settled against the lease of ${lease.requestId}`);
  }
  try {
    await recordCall(db, record, { releaseLease: true });
  } catch (first) {
    // recordCall is idempotent, so a retry is safe even if the first attempt did commit.
    try {
      await recordCall(db, record, { releaseLease: true });
    } catch {
      // Still no ledger row: keep the call countable as an unbilled server error (a no-op if the
      // billed row did land after all), then let the client see the 500.
      if (record.httpStatus < 400) {
        await recordCall(db, { ...record, httpStatus: 500, errorCode: "internal_error", imagesDelivered: 0, costMicros: 0 }, { releaseLease: true }).catch(() => {});
      }
      throw first;
    }
  }
}

/** Records a call that was refused before anything was reserved (validation or a limit). */
export async function recordRejection(db: Db, record: CallRecord): Promise<void> {
  try {
    await recordCall(db, record, { releaseLease: false });
  } catch (err) {
    // The client still gets its answer; a missing ledger row is logged, not turned into a 500.
    console.error(`[imgledger] could not record rejected call ${record.requestId}`, err instanceof Error ? err.message : err);
  }
}
