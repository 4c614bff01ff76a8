import "server-only";
import type { Db } from "@/db";
import { recordCall, type CallRecord } from "@/lib/ledger/record-call";
import type { Lease } from "@/lib/limits/reserve";

/** Ledger writes after the engine ran are retried this many times in all... */
export const SETTLE_ATTEMPTS = 7;
/** ...waiting 100 ms, 200 ms, 400 ms … (at most 2 s) between attempts: about 6 s in all. */
const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 2_000;

/**
 * How a settled call ended:
 * - recorded: the record as given is in the ledger (or already was);
 * - lease_gone: a billed call whose lease was reclaimed before it could be recorded and whose
 *   images no longer fit under the caps in force: not billed, recorded as an unbilled 503
 *   service_overloaded, the images are not delivered (if they still fit, it is simply recorded);
 * - client_gone: the client left before the billed row was committed: recorded as 499;
 * - unrecorded: every attempt failed; an unbilled 500 row was tried last. Nothing is delivered,
 *   and if even that row failed the lease is left to expire, so the reservation keeps counting
 *   against the caps until the reclaim gives it back.
 */
export type SettleOutcome = "recorded" | "lease_gone" | "client_gone" | "unrecorded";

export type SettleOptions = {
  /** True once the client has gone; asked just before a billed row is committed. */
  clientGone?: () => boolean;
  /** Test servers only: runs before that last check (to close the client at that instant). */
  beforeLastCheck?: () => Promise<void>;
};

/**
 * Records an admitted call and gives back its reservation atomically: the ledger takes the lease
 * row in the same transaction and releases what it still held, so a reservation is released
 * exactly once. A billed call is recorded only while its lease still exists (see SettleOutcome)
 * and only if its client is still there at the commit. A failing write is retried with backoff;
 * until a row lands the lease stays, so the call keeps counting against the caps.
 */
export async function settleCall(db: Db, record: CallRecord, lease: Lease, options: SettleOptions = {}): Promise<SettleOutcome> {
  if (record.keyId !== lease.keyId || record.requestId !== lease.requestId) {
    throw new Error(`call ${record.requestId} settled against the lease of ${lease.requestId}`);
  }
  const billed = record.httpStatus < 400 && (record.imagesDelivered > 0 || record.costMicros > 0);
  const beforeCommit = billed && options.clientGone
    ? async () => {
        await options.beforeLastCheck?.();
        return !options.clientGone!();
      }
    : undefined;
  let lastError: unknown;
  for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
    try {
      // recordCall is idempotent, so a retry is safe even if an earlier attempt did commit.
      let r = await recordCall(db, record, { releaseLease: true, requireLease: billed, beforeCommit });
      // The lease was reclaimed: billed only if the images still fit under the caps in force.
      if (r.status === "lease_gone") {
        console.warn(`[imgledger] call ${record.requestId} outlived its lease: recorded only if it still fits under the caps`);
        r = await recordCall(db, record, { onlyIfFits: true, beforeCommit });
      }
      if (r.status === "inserted" || r.status === "duplicate") return "recorded";
      if (r.status === "over_cap") {
        await recordUnbilled(db, record, 503, "service_overloaded");
        return "lease_gone";
      }
      await recordUnbilled(db, record, 499, "client_closed");
      return "client_gone";
    } catch (err) {
      lastError = err;
      console.error(`[imgledger] ledger write of ${record.requestId} failed (attempt ${attempt + 1} of ${SETTLE_ATTEMPTS})`, errorText(err));
    }
  }
  if (billed) {
    // Never deliver what could not be billed. An unbilled row keeps the call visible; if it
    // lands, it releases the lease; if not, the lease expires and is reclaimed.
    await recordUnbilled(db, record, 500, "internal_error").catch((err: unknown) =>
      console.error(`[imgledger] call ${record.requestId} left unrecorded; its lease will expire`, errorText(err)),
    );
  }
  console.error(`[imgledger] call ${record.requestId} not recorded`, errorText(lastError));
  return "unrecorded";
}

async function recordUnbilled(db: Db, record: CallRecord, httpStatus: number, errorCode: string): Promise<void> {
  await recordCall(db, { ...record, httpStatus, errorCode, imagesDelivered: 0, costMicros: 0 }, { releaseLease: true });
}

/** Records a call that was refused before anything was reserved (validation or a limit). */
export async function recordRejection(db: Db, record: CallRecord): Promise<void> {
  try {
    await recordCall(db, record, { releaseLease: false });
  } catch (err) {
    // The client still gets its answer; a missing ledger row is logged, not turned into a 500.
    console.error(`[imgledger] could not record rejected call ${record.requestId}`, errorText(err));
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

function errorText(err: unknown) {
  return err instanceof Error ? err.message : err;
}
