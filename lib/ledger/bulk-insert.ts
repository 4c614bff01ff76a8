import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { BILLING_TZ } from "@/lib/time/billing-day";
import { assertConsistent, type CallRecord } from "./record-call";

/** Rows per statement: about 2–3 MB of JSON, well inside one round trip. */
const DEFAULT_CHUNK = 5_000;

/**
 * Loads many calls at once (demo data, benchmarks, back-fills) with the same effects as
 * `recordCall` one by one: the ledger rows, their `usage_daily` rollup, the used side of
 * `key_day_counters`, and each key's `spent_total_micros` / `last_used_at`.
 *
 * Each chunk is ONE statement: the rows travel as a single JSON parameter (no 65,535-parameter
 * ceiling, no per-row round trips), and data-modifying CTEs aggregate exactly the rows that
 * statement inserted, so a chunk is atomic without an explicit transaction and a failed chunk
 * leaves no half-counted totals. The billing day is computed in SQL with the same rule as
 * `recordCall`: `(created_at at time zone 'Asia/Shanghai')::date`.
 *
 * Not idempotent: meant for fresh loads. A (key, request_id) already in the ledger makes the
 * chunk fail on the idempotency index instead of being skipped; use `recordCall` (or batch
 * ingest) for anything that may be retried. Reservations and in-flight leases are not touched.
 */
export async function insertCallsBulk(
  db: DbOrTx,
  records: readonly CallRecord[],
  options: { chunkSize?: number } = {},
): Promise<{ inserted: number }> {
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
  let inserted = 0;
  for (let start = 0; start < records.length; start += chunkSize) {
    const chunk = records.slice(start, start + chunkSize);
    inserted += await insertChunk(db, chunk);
  }
  return { inserted };
}

async function insertChunk(db: DbOrTx, chunk: readonly CallRecord[]): Promise<number> {
  const rows = chunk.map((r) => {
    assertConsistent(r);
    return {
      account_id: r.accountId,
      key_id: r.keyId,
      request_id: r.requestId,
      kind: r.kind,
      model: r.model,
      created_at: r.createdAt.toISOString(),
      latency_ms: Math.max(0, Math.round(r.latencyMs)),
      region: r.region ?? null,
      size: r.size ?? null,
      quality: r.quality ?? null,
      n: r.n ?? 1,
      images_delivered: r.imagesDelivered,
      http_status: r.httpStatus,
      error_code: r.errorCode ?? null,
      cost_micros: r.costMicros,
      unit_price_micros: r.unitPriceMicros ?? null,
      floor_micros: r.floorMicros ?? null,
      price_version: r.priceVersion ?? null,
      prompt_preview: r.promptPreview ?? null,
      input_tokens: r.inputTokens ?? null,
      output_tokens: r.outputTokens ?? null,
      upstream_usage: r.upstreamUsage ?? null,
    };
  });

  const result = await db.execute<{ inserted: number }>(sql`
    with src as (
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as r(
        account_id bigint, key_id bigint, request_id text, kind call_kind, model text,
        created_at timestamptz, latency_ms integer, region text, size text, quality text,
        n smallint, images_delivered smallint, http_status smallint, error_code text,
        cost_micros bigint, unit_price_micros bigint, floor_micros bigint, price_version integer,
        prompt_preview text, input_tokens integer, output_tokens integer, upstream_usage jsonb
      )
    ),
    ins as (
      insert into calls (
        account_id, key_id, request_id, kind, model, created_at, billing_day, latency_ms, region,
        size, quality, n, images_delivered, http_status, error_code, cost_micros,
        unit_price_micros, floor_micros, price_version, prompt_preview, input_tokens,
        output_tokens, upstream_usage
      )
      select
        account_id, key_id, request_id, kind, model, created_at,
        (created_at at time zone ${BILLING_TZ})::date, latency_ms, region,
        size, quality, n, images_delivered, http_status, error_code, cost_micros,
        unit_price_micros, floor_micros, price_version, prompt_preview, input_tokens,
        output_tokens, upstream_usage
      from src
      returning account_id, key_id, billing_day, kind, model, size, quality, error_code, region, price_version,
        images_delivered, cost_micros, latency_ms, input_tokens, output_tokens, created_at
    ),
    rollup as (
      insert into usage_daily as u (
        account_id, key_id, day, kind, model, size, quality, error_code, region, price_version,
        calls, images, cost_micros, latency_ms_sum, input_tokens, output_tokens
      )
      select account_id, key_id, billing_day, kind, model,
        coalesce(size, ''), coalesce(quality, ''), coalesce(error_code, ''), coalesce(region, ''), coalesce(price_version, 0),
        count(*), sum(images_delivered), sum(cost_micros), sum(latency_ms),
        coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0)
      from ins
      group by account_id, key_id, billing_day, kind, model,
        coalesce(size, ''), coalesce(quality, ''), coalesce(error_code, ''), coalesce(region, ''), coalesce(price_version, 0)
      on conflict (account_id, key_id, day, kind, model, size, quality, error_code, region, price_version) do update set
        calls = u.calls + excluded.calls,
        images = u.images + excluded.images,
        cost_micros = u.cost_micros + excluded.cost_micros,
        latency_ms_sum = u.latency_ms_sum + excluded.latency_ms_sum,
        input_tokens = u.input_tokens + excluded.input_tokens,
        output_tokens = u.output_tokens + excluded.output_tokens
      returning 1
    ),
    account_rollup as (
      insert into usage_daily_account as d (day, account_id, kind, error_code, calls, images, cost_micros)
      select billing_day, account_id, kind, coalesce(error_code, ''), count(*), sum(images_delivered), sum(cost_micros)
      from ins
      group by billing_day, account_id, kind, coalesce(error_code, '')
      on conflict (day, account_id, kind, error_code) do update set
        calls = d.calls + excluded.calls,
        images = d.images + excluded.images,
        cost_micros = d.cost_micros + excluded.cost_micros
      returning 1
    ),
    counters as (
      -- recordCall only touches a day counter for a call that delivered or billed something.
      insert into key_day_counters as k (account_id, key_id, day, images_used, cost_used_micros)
      select account_id, key_id, billing_day, sum(images_delivered), sum(cost_micros)
      from ins
      where images_delivered > 0 or cost_micros > 0
      group by account_id, key_id, billing_day
      on conflict (key_id, day) do update set
        images_used = k.images_used + excluded.images_used,
        cost_used_micros = k.cost_used_micros + excluded.cost_used_micros
      returning 1
    ),
    keys as (
      update api_keys as a set
        spent_total_micros = a.spent_total_micros + t.cost,
        last_used_at = greatest(a.last_used_at, t.last_at)
      from (
        select account_id, key_id, sum(cost_micros) as cost, max(created_at) as last_at
        from ins group by account_id, key_id
      ) t
      where a.id = t.key_id and a.account_id = t.account_id
      returning 1
    )
    select (select count(*) from ins)::int as inserted,
      (select count(*) from rollup)::int + (select count(*) from account_rollup)::int as rollup_rows,
      (select count(*) from counters)::int as counter_rows,
      (select count(*) from keys)::int as key_rows
  `);
  const row = (result as unknown as { inserted: number }[])[0];
  return row?.inserted ?? 0;
}
