import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { inFlight, keyDayCounters } from "@/db/schema";
import type { Reservation } from "@/lib/ledger/record-call";
import type { Lease } from "./reserve";

/**
 * Takes the lease row away and returns what it still held, or undefined when it is already gone
 * (settled before, or reclaimed after its expiry). Whoever deletes the row is the one who gives
 * its reservation back, so a reservation is released exactly once whatever the race.
 */
export async function takeLease(tx: DbOrTx, lease: Lease): Promise<Reservation | undefined> {
  const [gone] = await tx
    .delete(inFlight)
    .where(and(eq(inFlight.keyId, lease.keyId), eq(inFlight.requestId, lease.requestId)))
    .returning({ images: inFlight.images, costMicros: inFlight.costMicros });
  // The row is gone already, so the ledger has no lease left to delete.
  return gone ? { images: gone.images, costMicros: gone.costMicros, releaseLease: false } : undefined;
}

/**
 * Releases a lease without recording a call: the fallback when the ledger write itself failed.
 * If this fails too, the lease expires and the next reservation on the key reclaims it.
 */
export async function releaseLease(db: DbOrTx, lease: Lease): Promise<void> {
  await db.transaction(async (tx) => {
    const held = await takeLease(tx, lease);
    if (!held) return;
    await tx
      .update(keyDayCounters)
      .set({
        imagesReserved: sql`greatest(0, ${keyDayCounters.imagesReserved} - ${held.images})`,
        costReservedMicros: sql`greatest(0, ${keyDayCounters.costReservedMicros} - ${held.costMicros})`,
      })
      .where(and(eq(keyDayCounters.keyId, lease.keyId), eq(keyDayCounters.day, lease.day)));
  });
}
