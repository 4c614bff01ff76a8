import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { apiKeys, inFlight, keyDayCounters } from "@/db/schema";
import { billingDay, nextReset } from "@/lib/time/billing-day";
import { effectiveLimits } from "./effective";
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
  | { code: "service_overloaded" };

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
const KEY_LOCK_CLASS = 0x1a6e;

/**
 * Checks every limit and reserves what the call needs, in one transaction serialized per key, in
 * the reference's order: concurrency, daily images, daily cost, total cost, then the service-wide
 * ceiling. Either everything is reserved (lease row, images and cost on the day's counter) or
 * nothing is.
 *
 * The key's lock is an advisory lock rather than a row lock on api_keys: the ledger updates that
 * row (after the day counter) when it records a call, and taking the two in the opposite order
 * here could deadlock with it.
 */
export async function reserveCall(db: Db, input: ReserveInput): Promise<Admission> {
  const day = billingDay(input.now);
  let slotTaken = false;
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK_CLASS}, ${input.keyId % 2_147_483_647}::int)`);
      await reclaimExpiredLeases(tx, input.keyId);

      const [snap] = await tx
        .select({
          key: apiKeys,
          imagesUsed: sql`coalesce(${keyDayCounters.imagesUsed}, 0)`.mapWith(Number),
          imagesReserved: sql`coalesce(${keyDayCounters.imagesReserved}, 0)`.mapWith(Number),
          costUsed: sql`coalesce(${keyDayCounters.costUsedMicros}, 0)`.mapWith(Number),
          costReserved: sql`coalesce(${keyDayCounters.costReservedMicros}, 0)`.mapWith(Number),
          leases: sql`(select count(*) from ${inFlight} where ${inFlight.keyId} = ${apiKeys.id})`.mapWith(Number),
          leasedCost: sql`(select coalesce(sum(${inFlight.costMicros}), 0) from ${inFlight} where ${inFlight.keyId} = ${apiKeys.id})`.mapWith(Number),
        })
        .from(apiKeys)
        .leftJoin(keyDayCounters, and(eq(keyDayCounters.keyId, apiKeys.id), eq(keyDayCounters.day, day)))
        .where(eq(apiKeys.id, input.keyId));
      if (!snap) throw new Error(`key ${input.keyId} vanished while reserving`);

      const limits = effectiveLimits(snap.key, input.now);
      const reject = (rejection: Rejection): Admission => ({ ok: false, rejection });
      if (snap.leases >= limits.concurrencyCap) return reject({ code: "concurrency_exhausted", cap: limits.concurrencyCap });
      const imagesTaken = snap.imagesUsed + snap.imagesReserved;
      if (imagesTaken + input.n > limits.dailyImageCap) {
        return reject({ code: "image_daily_limit", cap: limits.dailyImageCap, used: imagesTaken, n: input.n, resetsAt: nextReset(input.now) });
      }
      if (limits.dailyCostLimitMicros !== null && snap.costUsed + snap.costReserved + input.costMicros > limits.dailyCostLimitMicros) {
        return reject({ code: "crs_daily_exhausted", resetsAt: nextReset(input.now) });
      }
      if (limits.totalCostLimitMicros !== null && snap.key.spentTotalMicros + snap.leasedCost + input.costMicros > limits.totalCostLimitMicros) {
        return reject({ code: "crs_total_exhausted" });
      }
      if (!tryTakeServiceSlot(input.maxInflight)) return reject({ code: "service_overloaded" });
      slotTaken = true;

      // One statement: the day's reservation and the lease that carries it.
      await tx.execute(sql`
        with counter as (
          insert into ${keyDayCounters} (account_id, key_id, day, images_reserved, cost_reserved_micros)
          values (${input.accountId}, ${input.keyId}, ${day}, ${input.n}, ${input.costMicros})
          on conflict (key_id, day) do update set
            images_reserved = ${keyDayCounters.imagesReserved} + excluded.images_reserved,
            cost_reserved_micros = ${keyDayCounters.costReservedMicros} + excluded.cost_reserved_micros
        )
        insert into ${inFlight} (key_id, request_id, account_id, images, cost_micros, day, expires_at)
        values (${input.keyId}, ${input.requestId}, ${input.accountId}, ${input.n}, ${input.costMicros}, ${day},
                now() + make_interval(secs => ${input.leaseTtlS}))`);

      const lease: Lease = {
        keyId: input.keyId,
        accountId: input.accountId,
        requestId: input.requestId,
        day,
        images: input.n,
        costMicros: input.costMicros,
      };
      return { ok: true, lease };
    });
  } catch (err) {
    if (slotTaken) releaseServiceSlot();
    throw err;
  }
}

/**
 * A lease past its expiry belongs to a request whose process died (or outlived the TTL): delete
 * it and give its images and cost back to the day it reserved them on, so a crash never locks a
 * key out and the day's counts stay exact. Expiry is on the database's clock, which every
 * gateway process shares.
 */
export async function reclaimExpiredLeases(tx: DbOrTx, keyId: number): Promise<void> {
  await tx.execute(sql`
    with gone as (
      delete from ${inFlight} where ${inFlight.keyId} = ${keyId} and ${inFlight.expiresAt} <= now()
      returning day, images, cost_micros
    ), per_day as (
      select day::date as day, sum(images)::int as images, sum(cost_micros)::bigint as cost from gone group by day
    )
    update ${keyDayCounters} c set
      images_reserved = greatest(0, c.images_reserved - per_day.images),
      cost_reserved_micros = greatest(0, c.cost_reserved_micros - per_day.cost)
    from per_day
    where c.key_id = ${keyId} and c.day = per_day.day`);
}
