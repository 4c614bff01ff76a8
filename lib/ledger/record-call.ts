import "server-only";
import type postgres from "postgres";
import type { Db } from "@/db";
import { KEY_LOCK_CLASS } from "@/lib/limits/reserve";
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
 * inserted / duplicate (already recorded: nothing changed); with `requireLease`, "lease_gone"
 * (the call's lease was reclaimed: nothing written); with `onlyIfFits`, "over_cap"; with
 * `beforeCommit`, "abandoned" (the
 * predicate said no at the last moment: rolled back, nothing written).
 */
export type RecordResult = { status: "inserted" | "duplicate" | "lease_gone" | "over_cap" | "abandoned" };

export type RecordOptions = {
  /** Delete the call's in-flight lease in the same transaction and give back what it held. */
  releaseLease?: boolean;
  /** Record only if the call's lease still exists (else "lease_gone", nothing written). */
  requireLease?: boolean;
  /**
   * For a call whose lease expired and was reclaimed (it holds nothing against the caps any
   * more, and another call may have taken its share): record it only if what it delivered still
   * fits under every cap in force beside all that is used and reserved (else "over_cap").
   * Takes the key's reservation lock first, so the check sees every reservation of the key.
   * With `beforeCommit`, the check is asked before the lock is taken.
   */
  onlyIfFits?: boolean;
  /**
   * Asked after the row is written and before the commit: false rolls the write back. The
   * gateway's last check that its client is still there, so a client gone by then is not billed.
   */
  beforeCommit?: () => boolean | Promise<boolean>;
};

export const PROMPT_PREVIEW_CHARS = 120;

export function promptPreviewOf(prompt: string): string {
  return Array.from(prompt).slice(0, PROMPT_PREVIEW_CHARS).join("");
}

/**
 * Records one call: the ledger row, its usage_daily and usage_daily_account rollups, the key's day counter and the key's
 * spend and last use, all written by ONE statement whose data-modifying CTEs hang off the
 * inserted row, pipelined with its begin/commit on one connection. One round trip instead of
 * eight: on a busy machine the round trips, not the statements, are what a call costs.
 * Idempotent on (key, request_id): recording the same call again changes nothing and answers
 * "duplicate".
 *
 * With `releaseLease`, the call's in-flight lease row is deleted in the same statement and what
 * it still held (images and cost reserved on the call's day) is given back. The lease row is
 * locked first, in its own statement, so this takes its locks in the same order as the
 * reservation's reclaim of expired leases (lease, then day counter) and cannot deadlock with it.
 * A lease that is already gone (reclaimed after expiry) gives back nothing: a reservation is
 * released exactly once. A duplicate (already recorded) call changes nothing, its lease included.
 */
export async function recordCall(
  db: Db,
  r: CallRecord,
  options: RecordOptions = {},
): Promise<RecordResult> {
  const releaseLease = options.releaseLease ?? false;
  const requireLease = options.requireLease ?? false;
  const onlyIfFits = options.onlyIfFits ?? false;
  assertConsistent(r);
  if (onlyIfFits && options.beforeCommit) {
    // The fit check holds the key's reservation lock, which every call of the key waits on: the
    // last check runs before it is taken, and the write then commits in the same round trip, so
    // no callback and no extra round trip happen while the key's calls wait. The price: the
    // check is a connection and a lock wait earlier than on the usual path (which checks with
    // the row written, before its commit). Only a call that outlived its lease comes here.
    if (!(await options.beforeCommit())) return (await isRecorded(db, r)) ? { status: "duplicate" } : { status: "abandoned" };
    return recordCall(db, r, { ...options, beforeCommit: undefined });
  }
  const conn = await clientOf(db).reserve();
  try {
    const usage = r.upstreamUsage === undefined || r.upstreamUsage === null ? null : JSON.stringify(r.upstreamUsage);
    const split = options.beforeCommit !== undefined;
    const billingDaySql = conn`(${r.createdAt.toISOString()}::timestamptz at time zone ${BILLING_TZ})::date`;
    const insert = conn`
        existing as (
          select 1 from calls where key_id = ${r.keyId}::bigint and request_id = ${r.requestId} limit 1
        ),
        -- onlyIfFits: what the call delivered still fits under every cap in force at its time,
        -- beside everything used and reserved on its day (the same rules as the reservation).
        fits as (
          select 1 from api_keys k
          cross join lateral (select ${r.createdAt.toISOString()}::timestamptz as at) t
          cross join lateral (select
            case when k.temp_daily_image_cap is not null and k.temp_daily_image_cap_until > t.at
                 then k.temp_daily_image_cap else k.daily_image_cap end as image_cap,
            case when k.temp_daily_cost_limit_micros is not null and k.temp_daily_cost_limit_until > t.at
                 then k.temp_daily_cost_limit_micros else k.daily_cost_limit_micros end as daily_cost_limit,
            case when k.temp_total_cost_limit_micros is not null and k.temp_total_cost_limit_until > t.at
                 then k.temp_total_cost_limit_micros else k.total_cost_limit_micros end as total_cost_limit) lim
          left join key_day_counters c
            on c.key_id = k.id and c.day = (t.at at time zone ${BILLING_TZ})::date
          where k.id = ${r.keyId}::bigint and ${onlyIfFits}::boolean
            and coalesce(c.images_used, 0) + coalesce(c.images_reserved, 0) + ${r.imagesDelivered}::int <= lim.image_cap
            and (lim.daily_cost_limit is null
                 or coalesce(c.cost_used_micros, 0) + coalesce(c.cost_reserved_micros, 0) + ${r.costMicros}::bigint <= lim.daily_cost_limit)
            and (lim.total_cost_limit is null
                 or k.spent_total_micros + ${r.costMicros}::bigint
                    + (select coalesce(sum(f.cost_micros), 0) from in_flight f where f.key_id = k.id) <= lim.total_cost_limit)
        ),
        ins as (
          insert into calls (
            account_id, key_id, request_id, kind, model, created_at, billing_day, latency_ms, region,
            size, quality, n, images_delivered, http_status, error_code, cost_micros,
            unit_price_micros, floor_micros, price_version, prompt_preview, input_tokens,
            output_tokens, upstream_usage
          )
          select ${r.accountId}::bigint, ${r.keyId}::bigint, ${r.requestId}, ${r.kind}::call_kind, ${r.model},
            ${r.createdAt.toISOString()}::timestamptz,
            (${r.createdAt.toISOString()}::timestamptz at time zone ${BILLING_TZ})::date,
            ${Math.max(0, Math.round(r.latencyMs))}::int, ${r.region ?? null}, ${r.size ?? null}, ${r.quality ?? null},
            ${r.n ?? 1}::smallint, ${r.imagesDelivered}::smallint, ${r.httpStatus}::smallint, ${r.errorCode ?? null},
            ${r.costMicros}::bigint, ${r.unitPriceMicros ?? null}::bigint, ${r.floorMicros ?? null}::bigint,
            ${r.priceVersion ?? null}::int, ${r.promptPreview ?? null}, ${r.inputTokens ?? null}::int,
            ${r.outputTokens ?? null}::int, ${usage}::jsonb
          where not exists (select 1 from existing)
            and (not ${requireLease}::boolean
                 or exists (select 1 from in_flight where key_id = ${r.keyId}::bigint and request_id = ${r.requestId}))
            and (not ${onlyIfFits}::boolean or exists (select 1 from fits))
          on conflict do nothing
          returning account_id, key_id, billing_day, kind, model, size, quality, error_code, region, price_version,
            images_delivered, cost_micros, latency_ms, input_tokens, output_tokens, created_at
        )`;
    // The inserted row's columns the effects read, as the insert's RETURNING gives them.
    const insertedRow = conn`
          select ${r.accountId}::bigint as account_id, ${r.keyId}::bigint as key_id, ${billingDaySql} as billing_day,
            ${r.kind}::call_kind as kind, ${r.model}::text as model, ${r.size ?? null}::text as size,
            ${r.quality ?? null}::text as quality, ${r.errorCode ?? null}::text as error_code, ${r.region ?? null}::text as region,
            ${r.priceVersion ?? null}::int as price_version, ${r.imagesDelivered}::smallint as images_delivered,
            ${r.costMicros}::bigint as cost_micros, ${Math.max(0, Math.round(r.latencyMs))}::int as latency_ms,
            ${r.inputTokens ?? null}::int as input_tokens, ${r.outputTokens ?? null}::int as output_tokens,
            ${r.createdAt.toISOString()}::timestamptz as created_at`;
    const effects = conn`
        lease as (
          delete from in_flight f using ins
          where ${releaseLease}::boolean and f.key_id = ins.key_id and f.request_id = ${r.requestId}
          returning f.images, f.cost_micros
        ),
        rollup as (
          insert into usage_daily as u (
            account_id, key_id, day, kind, model, size, quality, error_code, region, price_version,
            calls, images, cost_micros, latency_ms_sum, input_tokens, output_tokens
          )
          select account_id, key_id, billing_day, kind, model, coalesce(size, ''), coalesce(quality, ''),
            coalesce(error_code, ''), coalesce(region, ''), coalesce(price_version, 0), 1, images_delivered, cost_micros, latency_ms,
            coalesce(input_tokens, 0), coalesce(output_tokens, 0)
          from ins
          on conflict (account_id, key_id, day, kind, model, size, quality, error_code, region, price_version) do update set
            calls = u.calls + 1,
            images = u.images + excluded.images,
            cost_micros = u.cost_micros + excluded.cost_micros,
            latency_ms_sum = u.latency_ms_sum + excluded.latency_ms_sum,
            input_tokens = u.input_tokens + excluded.input_tokens,
            output_tokens = u.output_tokens + excluded.output_tokens
          returning 1
        ),
        account_rollup as (
          insert into usage_daily_account as d (day, account_id, kind, error_code, calls, images, cost_micros)
          select billing_day, account_id, kind, coalesce(error_code, ''), 1, images_delivered, cost_micros
          from ins
          on conflict (day, account_id, kind, error_code) do update set
            calls = d.calls + 1,
            images = d.images + excluded.images,
            cost_micros = d.cost_micros + excluded.cost_micros
          returning 1
        ),
        counters as (
          -- As recordCall: a day counter is touched only when something was used or released.
          insert into key_day_counters as k (account_id, key_id, day, images_used, cost_used_micros)
          select account_id, key_id, billing_day, images_delivered, cost_micros
          from ins
          where images_delivered > 0 or cost_micros > 0 or exists (select 1 from lease)
          on conflict (key_id, day) do update set
            images_used = k.images_used + excluded.images_used,
            cost_used_micros = k.cost_used_micros + excluded.cost_used_micros,
            images_reserved = greatest(0, k.images_reserved - coalesce((select sum(images) from lease), 0)),
            cost_reserved_micros = greatest(0, k.cost_reserved_micros - coalesce((select sum(cost_micros) from lease), 0))
          returning 1
        ),
        keys as (
          update api_keys as a set
            last_used_at = greatest(a.last_used_at, ins.created_at),
            spent_total_micros = a.spent_total_micros + ins.cost_micros
          from ins
          where a.id = ins.key_id and a.account_id = ins.account_id
          returning 1
        )`;
    const statements = [
      conn`begin`,
      // Serializes recorders of the same call, so the "already recorded?" check below sees a
      // concurrent twin even when the twin carries another created_at (which the unique index,
      // keyed on created_at for partitioning, would not catch).
      conn`select pg_advisory_xact_lock(hashtextextended(${`${r.keyId}:${r.requestId}`}, 0))`,
      // The fit check takes the key's reservation lock first, the order reservations take their
      // locks in (only for the rare call whose lease is gone: it serializes the key's settles).
      onlyIfFits
        ? conn`select pg_advisory_xact_lock(${KEY_LOCK_CLASS}::int, ${r.keyId % 2_147_483_647}::int)`
        : conn`select 1`,
      releaseLease
        ? conn`select 1 from in_flight where key_id = ${r.keyId}::bigint and request_id = ${r.requestId} for update`
        : conn`select 1`,
      // Split (with a last check): the row alone first, so no lock shared with the key's other
      // calls (its day counter, rollup, key row) is held across the check.
      split
        ? conn<{ inserted: number; existed: number }[]>`with ${insert} select (select count(*) from ins)::int as inserted, (select count(*) from existing)::int as existed`
        : conn<{ inserted: number; existed: number }[]>`
        with ${insert}, ${effects}
        select (select count(*) from ins)::int as inserted, (select count(*) from existing)::int as existed,
          (select count(*) from rollup)::int + (select count(*) from account_rollup)::int + (select count(*) from counters)::int + (select count(*) from keys)::int as touched`,
    ] as const;
    // Without a last check, commit in the same round trip; with one, commit only after it.
    const settled = await Promise.allSettled(split ? statements : [...statements, conn`commit`]);
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) {
      await conn`rollback`.catch(() => {});
      throw (failed as PromiseRejectedResult).reason;
    }
    const rows = (settled[4] as PromiseFulfilledResult<{ inserted: number; existed: number }[]>).value;
    const inserted = rows[0]?.inserted === 1;
    if (split) {
      let go: boolean;
      try {
        go = !inserted || (await options.beforeCommit!());
      } catch (err) {
        await conn`rollback`.catch(() => {});
        throw err;
      }
      if (!go) {
        await conn`rollback`;
        return { status: "abandoned" };
      }
      // The row's effects (lease, rollup, day counter, key), then the commit, in one round trip.
      const done = await Promise.allSettled([
        inserted ? conn`with ins as (${insertedRow}), ${effects} select 1` : conn`select 1`,
        conn`commit`,
      ]);
      const late = done.find((d) => d.status === "rejected");
      if (late) {
        await conn`rollback`.catch(() => {});
        throw (late as PromiseRejectedResult).reason;
      }
    }
    if (inserted) return { status: "inserted" };
    if (rows[0]?.existed) return { status: "duplicate" };
    return { status: requireLease ? "lease_gone" : onlyIfFits ? "over_cap" : "duplicate" };
  } finally {
    conn.release();
  }
}

/** Whether the call already has its ledger row (an earlier attempt of the same settle committed). */
async function isRecorded(db: Db, r: CallRecord): Promise<boolean> {
  const rows = await clientOf(db)`select 1 from calls where key_id = ${r.keyId}::bigint and request_id = ${r.requestId} limit 1`;
  return rows.length > 0;
}

function clientOf(db: Db): postgres.Sql {
  const client = (db as unknown as { $client?: postgres.Sql }).$client;
  if (!client) throw new Error("recordCall needs a postgres.js-backed database");
  return client;
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
