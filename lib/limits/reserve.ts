import "server-only";
import type postgres from "postgres";
import type { Db } from "@/db";
import { billingDay, nextReset } from "@/lib/time/billing-day";
import { releaseServiceSlot, tryTakeServiceSlot } from "./service-slots";

/** What one admitted call holds until it is settled: a lease row and its day's reservation. */
export type Lease = {
  keyId: number;
  accountId: number;
  requestId: string;
  day: string;
  images: number;
  costMicros: number;
};

export type Rejection =
  | { code: "concurrency_exhausted"; cap: number }
  | { code: "image_daily_limit"; cap: number; used: number; n: number; resetsAt: Date }
  | { code: "crs_daily_exhausted"; resetsAt: Date }
  | { code: "crs_total_exhausted" }
  | { code: "service_overloaded" }
  /** The key was disabled or expired between the key check and the reservation. */
  | { code: "key_inactive"; expired: boolean };

export type Admission = { ok: true; lease: Lease } | { ok: false; rejection: Rejection };

export type ReserveInput = {
  keyId: number;
  accountId: number;
  requestId: string;
  /** The request's clock: it picks the billing day and the limits in force. */
  now: Date;
  n: number;
  /** The call's price, reserved against the daily and total cost limits. */
  costMicros: number;
  leaseTtlS: number;
  maxInflight: number;
};

/** Namespace of the per-key advisory locks (any constant unlikely to be used elsewhere). */
export const KEY_LOCK_CLASS = 0x1a6e;

/** The deciding statement's answer: the limit that refused (null: admitted), with what a refusal reports. */
type Verdict = {
  refused: Exclude<Rejection["code"], "key_inactive"> | "key_disabled" | "key_expired" | null;
  concurrency_cap: number;
  image_cap: number;
  images_taken: number;
  leased: number;
};

/**
 * Checks every limit and reserves what the call needs, in one transaction serialized per key, in
 * the reference's order: concurrency, daily images, daily cost, total cost, then the service-wide
 * ceiling. Either everything is reserved (lease row, images and cost on the day's counter) or
 * nothing is.
 *
 * The key's lock is an advisory lock rather than a row lock on api_keys: the ledger updates that
 * row (after the day counter) when it records a call, and taking the two in the opposite order
 * here could deadlock with it. The deciding statement starts after the lock is held and the
 * reclaim is done, so its snapshot sees every earlier reservation of the key and no other one can
 * slip in between its check and its write.
 *
 * One statement, one round trip: the `imgledger_reserve` function (migration 0004) takes the lock,
 * reclaims expired leases, checks the limits and inserts the lease and the day's reservation only
 * when none refuses, and the statement's transaction commits as it returns. No client round trip
 * happens while the key's lock is held: a pipelined begin/…/commit from here needed extra round
 * trips whenever postgres.js first described a statement on a connection, and under a flood each
 * one waited for a turn of the server's event loop while every other call of the key queued.
 *
 * The service-wide ceiling is an in-process counter: its slot is taken once the connection is
 * had, before the statement is sent (so the statement knows whether it may admit), and given
 * back if the key's own limits refuse or anything fails, so a refusal holds nothing. A refusal commits only the reclaim of expired leases.
 */
export async function reserveCall(db: Db, input: ReserveInput): Promise<Admission> {
  const day = billingDay(input.now);
  const conn = await clientOf(db).reserve();
  // The slot is taken once the connection is had, inside the try: a database error anywhere
  // gives it back, and calls queued for a connection do not hold slots they may never use.
  let slotTaken = false;
  try {
    slotTaken = tryTakeServiceSlot(input.maxInflight);
    // One statement: the function (migration 0004) takes the key's lock, reclaims, decides and
    // writes, and the statement's own transaction commits as it returns.
    const [v] = await conn<Verdict[]>`
      select refused, concurrency_cap, image_cap, images_taken, leased
      from imgledger_reserve(${input.keyId}::bigint, ${input.accountId}::bigint, ${input.requestId}::text, ${day}::text,
        ${input.now.toISOString()}::timestamptz, ${input.n}::int, ${input.costMicros}::bigint, ${input.leaseTtlS}::int,
        ${slotTaken}::boolean, ${KEY_LOCK_CLASS}::int)`;
    if (!v) throw new Error(`key ${input.keyId} vanished while reserving`);
    if (v.refused !== null) {
      if (slotTaken) releaseServiceSlot();
      slotTaken = false;
      return { ok: false, rejection: rejectionOf(v, input) };
    }
    if (v.leased !== 1) throw new Error(`the lease of ${input.requestId} was not written`);
    const lease: Lease = {
      keyId: input.keyId,
      accountId: input.accountId,
      requestId: input.requestId,
      day,
      images: input.n,
      costMicros: input.costMicros,
    };
    return { ok: true, lease };
  } catch (err) {
    if (slotTaken) releaseServiceSlot();
    throw err;
  } finally {
    conn.release();
  }
}

function rejectionOf(v: Verdict, input: ReserveInput): Rejection {
  switch (v.refused) {
    case "key_disabled":
      return { code: "key_inactive", expired: false };
    case "key_expired":
      return { code: "key_inactive", expired: true };
    case "concurrency_exhausted":
      return { code: "concurrency_exhausted", cap: v.concurrency_cap };
    case "image_daily_limit":
      return { code: "image_daily_limit", cap: v.image_cap, used: v.images_taken, n: input.n, resetsAt: nextReset(input.now) };
    case "crs_daily_exhausted":
      return { code: "crs_daily_exhausted", resetsAt: nextReset(input.now) };
    case "crs_total_exhausted":
      return { code: "crs_total_exhausted" };
    case "service_overloaded":
      return { code: "service_overloaded" };
    case null:
      throw new Error("unreachable: an admitted call has no rejection");
  }
}

function clientOf(db: Db): postgres.Sql {
  const client = (db as unknown as { $client?: postgres.Sql }).$client;
  if (!client) throw new Error("reserveCall needs a postgres.js-backed database");
  return client;
}
