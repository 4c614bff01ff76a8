import "server-only";
import type { Db } from "@/db";
import { recordCall, recordCallInTx, type CallRecord, type RecordResult } from "@/lib/ledger/record-call";
import { takeLease } from "@/lib/limits/release";
import type { Lease } from "@/lib/limits/reserve";

/**
 * Records an admitted call and gives back its reservation in one transaction: the lease row is
 * taken first, and only if this call still held it are its images and cost released by the
 * ledger (a lease reclaimed after expiry was already released by whoever reclaimed it).
 */
export async function settleCall(db: Db, record: CallRecord, lease: Lease): Promise<RecordResult> {
  return db.transaction(async (tx) => {
    const reservation = await takeLease(tx, lease);
    return recordCallInTx(tx, record, reservation);
  });
}

/** Records a call that was refused before anything was reserved (validation or a limit). */
export async function recordRejection(db: Db, record: CallRecord): Promise<void> {
  try {
    await recordCall(db, record);
  } catch (err) {
    // The client still gets its answer; a missing ledger row is logged, not turned into a 500.
    console.error(`[imgledger] could not record rejected call ${record.requestId}`, err instanceof Error ? err.message : err);
  }
}
