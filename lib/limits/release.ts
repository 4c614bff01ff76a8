import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { inFlight, keyDayCounters } from "@/db/schema";
import type { Lease } from "./reserve";

/**
 * Releases a lease without recording a call: the fallback when the ledger write itself failed.
 * Whoever deletes the lease row gives its reservation back, so a reservation is released exactly
 * once whatever the race (a settle, a reclaim after expiry, this). If this fails too, the lease
 * expires and the next reservation on the key reclaims it.
 */
export async function releaseLease(db: DbOrTx, lease: Lease): Promise<void> {
  await db.transaction(async (tx) => {
    const [held] = await tx
      .delete(inFlight)
      .where(and(eq(inFlight.keyId, lease.keyId), eq(inFlight.requestId, lease.requestId)))
      .returning({ images: inFlight.images, costMicros: inFlight.costMicros });
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
