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
 * One round trip: begin, lock, reclaim, the statement that checks the limits in SQL and inserts
 * the lease and the day's reservation only when none refuses, and commit, pipelined on one
 * connection. On a busy machine each round trip costs more than the statements themselves.
 *
 * The service-wide ceiling is an in-process counter: its slot is taken once the connection is
 * had, before the statement is sent (so the statement knows whether it may admit), and given
 * back if the key's own limits refuse or anything fails, so a refusal holds nothing. A refusal commits only the reclaim of expired leases.
 */
export async function reserveCall(db: Db, input: ReserveInput): Promise<Admission> {
  const day = billingDay(input.now);
  const nowIso = input.now.toISOString();
  const conn = await clientOf(db).reserve();
  // The slot is taken once the connection is had, inside the try: a database error anywhere
  // gives it back, and calls queued for a connection do not hold slots they may never use.
  let slotTaken = false;
  try {
    slotTaken = tryTakeServiceSlot(input.maxInflight);
    const [, , , verdicts] = await allOrThrow([
      conn`begin`,
      conn`select pg_advisory_xact_lock(${KEY_LOCK_CLASS}::int, ${input.keyId % 2_147_483_647}::int)`,
      conn.unsafe(RECLAIM_SQL, [input.keyId]),
      conn<Verdict[]>`
        with lim as (
          select k.status::text as status, k.expires_at, k.spent_total_micros,
                 -- Each temporary override is in force while its own end is after the request's clock.
                 case when k.temp_concurrency_cap is not null and k.temp_concurrency_cap_until > t.now
                      then k.temp_concurrency_cap else k.concurrency_cap end as concurrency_cap,
                 case when k.temp_daily_image_cap is not null and k.temp_daily_image_cap_until > t.now
                      then k.temp_daily_image_cap else k.daily_image_cap end as image_cap,
                 case when k.temp_daily_cost_limit_micros is not null and k.temp_daily_cost_limit_until > t.now
                      then k.temp_daily_cost_limit_micros else k.daily_cost_limit_micros end as daily_cost_limit,
                 case when k.temp_total_cost_limit_micros is not null and k.temp_total_cost_limit_until > t.now
                      then k.temp_total_cost_limit_micros else k.total_cost_limit_micros end as total_cost_limit,
                 coalesce(c.images_used, 0)::bigint + coalesce(c.images_reserved, 0) as images_taken,
                 coalesce(c.cost_used_micros, 0) + coalesce(c.cost_reserved_micros, 0) as day_cost,
                 (select count(*) from in_flight f where f.key_id = k.id) as leases,
                 (select coalesce(sum(f.cost_micros), 0) from in_flight f where f.key_id = k.id) as leased_cost
          from api_keys k
          cross join lateral (select ${nowIso}::timestamptz as now) t
          left join key_day_counters c on c.key_id = k.id and c.day = ${day}::date
          where k.id = ${input.keyId}::bigint
        ), verdict as (
          select case
                   when status <> 'active' then 'key_disabled'
                   when expires_at is not null and expires_at <= ${nowIso}::timestamptz then 'key_expired'
                   when leases >= concurrency_cap then 'concurrency_exhausted'
                   when images_taken + ${input.n}::int > image_cap then 'image_daily_limit'
                   when daily_cost_limit is not null and day_cost + ${input.costMicros}::bigint > daily_cost_limit
                     then 'crs_daily_exhausted'
                   when total_cost_limit is not null
                        and spent_total_micros + leased_cost + ${input.costMicros}::bigint > total_cost_limit
                     then 'crs_total_exhausted'
                   when not ${slotTaken}::boolean then 'service_overloaded'
                 end as refused,
                 concurrency_cap, image_cap, images_taken
          from lim
        ), counter as (
          insert into key_day_counters (account_id, key_id, day, images_reserved, cost_reserved_micros)
          select ${input.accountId}::bigint, ${input.keyId}::bigint, ${day}::date, ${input.n}::int, ${input.costMicros}::bigint
          from verdict where refused is null
          on conflict (key_id, day) do update set
            images_reserved = key_day_counters.images_reserved + excluded.images_reserved,
            cost_reserved_micros = key_day_counters.cost_reserved_micros + excluded.cost_reserved_micros
        ), lease as (
          insert into in_flight (key_id, request_id, account_id, images, cost_micros, day, expires_at)
          select ${input.keyId}::bigint, ${input.requestId}, ${input.accountId}::bigint, ${input.n}::int,
                 ${input.costMicros}::bigint, ${day}, now() + make_interval(secs => ${input.leaseTtlS}::int)
          from verdict where refused is null
          returning 1
        )
        select refused, concurrency_cap::float8 as concurrency_cap, image_cap::float8 as image_cap,
               images_taken::float8 as images_taken, (select count(*) from lease)::int as leased
        from verdict`,
      conn`commit`,
    ]);
    const v = verdicts[0];
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
    await conn`rollback`.catch(() => {});
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
