import "server-only";
import type postgres from "postgres";
import type { Db } from "@/db";
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
const KEY_LOCK_CLASS = 0x1a6e;

type Snapshot = {
  status: string;
  expires_ms: number | null;
  spent_total: number;
  daily_image_cap: number;
  concurrency_cap: number;
  daily_cost_limit: number | null;
  total_cost_limit: number | null;
  temp_daily_image_cap: number | null;
  temp_concurrency_cap: number | null;
  temp_daily_cost_limit: number | null;
  temp_total_cost_limit: number | null;
  temp_until_ms: number | null;
  images_used: number;
  images_reserved: number;
  cost_used: number;
  cost_reserved: number;
  leases: number;
  leased_cost: number;
};

/**
 * Checks every limit and reserves what the call needs, in one transaction serialized per key, in
 * the reference's order: concurrency, daily images, daily cost, total cost, then the service-wide
 * ceiling. Either everything is reserved (lease row, images and cost on the day's counter) or
 * nothing is.
 *
 * The key's lock is an advisory lock rather than a row lock on api_keys: the ledger updates that
 * row (after the day counter) when it records a call, and taking the two in the opposite order
 * here could deadlock with it. Each statement reads a snapshot taken after the lock is held, so
 * no other reservation of the key can slip in between the check and the write.
 *
 * The statements are pipelined on one connection (begin, lock, reclaim and read in one round
 * trip; write and commit in a second): on a busy machine each round trip to the database costs
 * more than the statement itself.
 */
export async function reserveCall(db: Db, input: ReserveInput): Promise<Admission> {
  const day = billingDay(input.now);
  const conn = await clientOf(db).reserve();
  let slotTaken = false;
  try {
    const [, , , read] = await allOrThrow([
      conn`begin`,
      conn`select pg_advisory_xact_lock(${KEY_LOCK_CLASS}::int, ${input.keyId % 2_147_483_647}::int)`,
      conn.unsafe(RECLAIM_SQL, [input.keyId]),
      conn<Snapshot[]>`
        select k.status::text as status,
               extract(epoch from k.expires_at)::float8 * 1000 as expires_ms,
               k.spent_total_micros::float8 as spent_total,
               k.daily_image_cap, k.concurrency_cap,
               k.daily_cost_limit_micros::float8 as daily_cost_limit,
               k.total_cost_limit_micros::float8 as total_cost_limit,
               k.temp_daily_image_cap, k.temp_concurrency_cap,
               k.temp_daily_cost_limit_micros::float8 as temp_daily_cost_limit,
               k.temp_total_cost_limit_micros::float8 as temp_total_cost_limit,
               extract(epoch from k.temp_until)::float8 * 1000 as temp_until_ms,
               coalesce(c.images_used, 0) as images_used,
               coalesce(c.images_reserved, 0) as images_reserved,
               coalesce(c.cost_used_micros, 0)::float8 as cost_used,
               coalesce(c.cost_reserved_micros, 0)::float8 as cost_reserved,
               (select count(*)::int from in_flight f where f.key_id = k.id) as leases,
               (select coalesce(sum(f.cost_micros), 0)::float8 from in_flight f where f.key_id = k.id) as leased_cost
        from api_keys k
        left join key_day_counters c on c.key_id = k.id and c.day = ${day}::date
        where k.id = ${input.keyId}::bigint`,
    ]);
    const snap = read[0];
    if (!snap) throw new Error(`key ${input.keyId} vanished while reserving`);

    const rejection = checkLimits(snap, input);
    if (rejection) {
      await conn`rollback`;
      return { ok: false, rejection };
    }
    if (!tryTakeServiceSlot(input.maxInflight)) {
      await conn`rollback`;
      return { ok: false, rejection: { code: "service_overloaded" } };
    }
    slotTaken = true;

    // One statement: the day's reservation and the lease that carries it.
    await allOrThrow([
      conn`
        with counter as (
          insert into key_day_counters (account_id, key_id, day, images_reserved, cost_reserved_micros)
          values (${input.accountId}::bigint, ${input.keyId}::bigint, ${day}::date, ${input.n}::int, ${input.costMicros}::bigint)
          on conflict (key_id, day) do update set
            images_reserved = key_day_counters.images_reserved + excluded.images_reserved,
            cost_reserved_micros = key_day_counters.cost_reserved_micros + excluded.cost_reserved_micros
        )
        insert into in_flight (key_id, request_id, account_id, images, cost_micros, day, expires_at)
        values (${input.keyId}::bigint, ${input.requestId}, ${input.accountId}::bigint, ${input.n}::int,
                ${input.costMicros}::bigint, ${day}, now() + make_interval(secs => ${input.leaseTtlS}::int))`,
      conn`commit`,
    ]);
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
    await conn`rollback`.catch(() => {});
    throw err;
  } finally {
    conn.release();
  }
}

function checkLimits(snap: Snapshot, input: ReserveInput): Rejection | undefined {
  const now = input.now;
  if (snap.status !== "active") return { code: "key_inactive", expired: false };
  if (snap.expires_ms !== null && snap.expires_ms <= now.getTime()) return { code: "key_inactive", expired: true };
  const limits = effectiveLimits(
    {
      dailyImageCap: snap.daily_image_cap,
      concurrencyCap: snap.concurrency_cap,
      dailyCostLimitMicros: snap.daily_cost_limit,
      totalCostLimitMicros: snap.total_cost_limit,
      tempDailyImageCap: snap.temp_daily_image_cap,
      tempConcurrencyCap: snap.temp_concurrency_cap,
      tempDailyCostLimitMicros: snap.temp_daily_cost_limit,
      tempTotalCostLimitMicros: snap.temp_total_cost_limit,
      tempUntil: snap.temp_until_ms === null ? null : new Date(snap.temp_until_ms),
    },
    now,
  );
  if (snap.leases >= limits.concurrencyCap) return { code: "concurrency_exhausted", cap: limits.concurrencyCap };
  const imagesTaken = snap.images_used + snap.images_reserved;
  if (imagesTaken + input.n > limits.dailyImageCap) {
    return { code: "image_daily_limit", cap: limits.dailyImageCap, used: imagesTaken, n: input.n, resetsAt: nextReset(now) };
  }
  const dayCost = snap.cost_used + snap.cost_reserved + input.costMicros;
  if (limits.dailyCostLimitMicros !== null && dayCost > limits.dailyCostLimitMicros) {
    return { code: "crs_daily_exhausted", resetsAt: nextReset(now) };
  }
  const totalCost = snap.spent_total + snap.leased_cost + input.costMicros;
  if (limits.totalCostLimitMicros !== null && totalCost > limits.totalCostLimitMicros) {
    return { code: "crs_total_exhausted" };
  }
  return undefined;
}

/** Waits for every pipelined statement (so none is left running), then throws the first failure. */
async function allOrThrow<T extends readonly unknown[]>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(queries);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

function clientOf(db: Db): postgres.Sql {
  const client = (db as unknown as { $client?: postgres.Sql }).$client;
  if (!client) throw new Error("reserveCall needs a postgres.js-backed database");
  return client;
}

/**
 * A lease past its expiry belongs to a request whose process died (or outlived the TTL): delete
 * it and give its images and cost back to the day it reserved them on, so a crash never locks a
 * key out and the day's counts stay exact. Expiry is on the database's clock, which every
 * gateway process shares.
 */
const RECLAIM_SQL = `
  with gone as (
    delete from in_flight where key_id = $1::bigint and expires_at <= now()
    returning day, images, cost_micros
  ), per_day as (
    select day::date as day, sum(images)::int as images, sum(cost_micros)::bigint as cost from gone group by day
  )
  update key_day_counters c set
    images_reserved = greatest(0, c.images_reserved - per_day.images),
    cost_reserved_micros = greatest(0, c.cost_reserved_micros - per_day.cost)
  from per_day
  where c.key_id = $1::bigint and c.day = per_day.day`;
