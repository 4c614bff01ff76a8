import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "@/lib/demo/random";
import { createKey } from "@/lib/keys/create-key";
import { insertCallsBulk } from "@/lib/ledger/bulk-insert";
import { recordCall, type CallRecord } from "@/lib/ledger/record-call";
import { priceImageCall } from "@/lib/pricing/price";
import { IMAGE_QUALITIES, IMAGE_SIZES, PRICE_BOOK_V1 } from "@/lib/pricing/price-book";
import { billingDay } from "@/lib/time/billing-day";
import { createTestDb, type TestDb } from "../helpers/db";

let bulk: TestDb;
let single: TestDb;
let records: CallRecord[];

/** Same keys (same ids) in both databases. */
async function makeKeys(t: TestDb) {
  const a = await createKey(t.db, { accountName: "Bulk Co", alias: "prod" });
  const b = await createKey(t.db, { accountName: "Bulk Co", alias: "staging" });
  const c = await createKey(t.db, { accountName: "Other Co", alias: "prod" });
  return [a.key, b.key, c.key];
}

/**
 * 2,000 calls over three days, clustered around Beijing midnight (16:00 UTC) so rows land on
 * both sides of a billing-day boundary; successes, failures and chat calls.
 */
function buildRecords(keys: { id: number; accountId: number }[]): CallRecord[] {
  const rng = new Rng("bulk-test", "records");
  const out: CallRecord[] = [];
  for (let i = 0; i < 2_000; i++) {
    const key = rng.pick(keys);
    const base = Date.parse("2026-11-22T16:00:00Z") + rng.int(0, 2) * 86_400_000;
    const createdAt = new Date(base + rng.int(-3_600_000, 3_600_000));
    if (rng.chance(0.25)) {
      const ok = rng.chance(0.9);
      out.push({
        requestId: `chat_${i}`, accountId: key.accountId, keyId: key.id, kind: "chat",
        model: rng.pick(["claude-sonnet-4-5", "gpt-5", "gemini-2.5-pro"]), createdAt,
        latencyMs: rng.int(500, 9_000), imagesDelivered: 0, httpStatus: ok ? 200 : 503,
        errorCode: ok ? null : "service_overloaded", costMicros: ok ? rng.int(1, 90_000) : 0,
        inputTokens: rng.int(10, 9_000), outputTokens: rng.int(10, 2_000),
      });
      continue;
    }
    const size = rng.pick(IMAGE_SIZES);
    const quality = rng.pick(IMAGE_QUALITIES);
    const n = rng.int(1, 4);
    const failed = rng.chance(0.15);
    const p = priceImageCall(PRICE_BOOK_V1, { size, quality, n });
    out.push({
      requestId: `img_${i}`, accountId: key.accountId, keyId: key.id, kind: "image", model: "gpt-image-2",
      createdAt, latencyMs: rng.int(20_000, 150_000), region: "hk", size, quality, n,
      imagesDelivered: failed ? 0 : n, httpStatus: failed ? 429 : 200,
      errorCode: failed ? rng.pick(["image_daily_limit", "concurrency_exhausted"]) : null,
      costMicros: failed ? 0 : p.billedMicros, unitPriceMicros: failed ? null : p.unitPriceMicros,
      floorMicros: failed ? null : p.floorMicros, priceVersion: failed ? null : p.priceVersion,
      promptPreview: rng.chance(0.5) ? `海报 ${i}` : `poster ${i}`,
    });
  }
  return out;
}

/** The rollup rows the calls should make, worked out here rather than read back from SQL. */
function rollupKeysOf(rs: CallRecord[]): Set<string> {
  return new Set(
    rs.map((r) =>
      [r.accountId, r.keyId, billingDay(r.createdAt), r.kind, r.model, r.size ?? "", r.quality ?? "", r.errorCode ?? "", r.region ?? "", r.priceVersion ?? 0].join("|"),
    ),
  );
}

beforeAll(async () => {
  [bulk, single] = await Promise.all([createTestDb(), createTestDb()]);
  // The database session is neither in UTC nor in Beijing time: the billing day must not care.
  for (const t of [bulk, single]) {
    const admin = postgres(t.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`alter database ${new URL(t.url).pathname.slice(1)} set timezone = 'America/New_York'`);
    await admin.end();
  }
  const keysBulk = await makeKeys(bulk);
  const keysSingle = await makeKeys(single);
  expect(keysSingle.map((k) => k.id)).toEqual(keysBulk.map((k) => k.id));
  records = buildRecords(keysBulk);
  // A small chunk size so several statements add onto the same rollup rows.
  const res = await insertCallsBulk(bulk.db, records, { chunkSize: 333 });
  expect(res.inserted).toBe(2_000);
  for (const r of records) await recordCall(single.db, r);
}, 120_000);

afterAll(async () => {
  await bulk?.drop();
  await single?.drop();
});

const ROLLUP = `select key_id, day::text, kind::text, model, size, quality, error_code, calls, images,
  cost_micros::bigint::text as cost, latency_ms_sum::text as latency, input_tokens::text as inp, output_tokens::text as outp
  from usage_daily order by 1,2,3,4,5,6,7`;

describe("insertCallsBulk", () => {
  it("writes usage_daily equal to a raw aggregation of the calls it inserted", async () => {
    const [diff] = await bulk.sql`
      with raw as (
        select account_id, key_id, (created_at at time zone 'Asia/Shanghai')::date as day, kind, model,
          coalesce(size, '') as size, coalesce(quality, '') as quality, coalesce(error_code, '') as error_code,
          coalesce(region, '') as region, coalesce(price_version, 0) as price_version,
          count(*)::int as calls, sum(images_delivered)::int as images, sum(cost_micros)::bigint as cost,
          sum(latency_ms)::bigint as latency, coalesce(sum(input_tokens), 0)::bigint as inp,
          coalesce(sum(output_tokens), 0)::bigint as outp
        from calls group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      ), roll as (
        select account_id, key_id, day, kind, model, size, quality, error_code, region, price_version, calls, images,
          cost_micros, latency_ms_sum, input_tokens, output_tokens from usage_daily
      )
      select (select count(*) from (select * from raw except select * from roll) x)::int as missing,
             (select count(*) from (select * from roll except select * from raw) y)::int as extra,
             (select count(*) from roll)::int as rows`;
    expect(diff).toEqual({ missing: 0, extra: 0, rows: rollupKeysOf(records).size });
    expect(rollupKeysOf(records).size).toBe(363);
    const days = await bulk.sql`select distinct day::text as day from usage_daily order by 1`;
    expect(days.map((d) => d.day)).toEqual(["2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"]);
  });

  it("leaves the same calls, rollup, day counters and key totals as recordCall one by one", async () => {
    const callsQ = `select request_id, key_id, billing_day::text, created_at, cost_micros::text, images_delivered,
      http_status, error_code, size, quality, n, latency_ms, prompt_preview, input_tokens, output_tokens
      from calls order by request_id`;
    expect(await bulk.sql.unsafe(callsQ)).toEqual(await single.sql.unsafe(callsQ));
    expect(await bulk.sql.unsafe(ROLLUP)).toEqual(await single.sql.unsafe(ROLLUP));
    const counters = `select key_id, day::text, images_used, images_reserved, cost_used_micros::text, cost_reserved_micros::text
      from key_day_counters order by 1, 2`;
    const bulkCounters = await bulk.sql.unsafe(counters);
    // Every key has calls on each of the four billing days.
    expect(bulkCounters.length).toBe(3 * 4);
    expect(bulkCounters).toEqual(await single.sql.unsafe(counters));
    const keys = `select id, spent_total_micros::text, last_used_at from api_keys order by id`;
    expect(await bulk.sql.unsafe(keys)).toEqual(await single.sql.unsafe(keys));
  });

  it("adds exact money totals: spent per key equals the sum of its billed calls", async () => {
    const expected = new Map<number, number>();
    for (const r of records) expected.set(r.keyId, (expected.get(r.keyId) ?? 0) + r.costMicros);
    const rows = await bulk.sql`select id, spent_total_micros::bigint as spent from api_keys order by id`;
    for (const row of rows) expect(Number(row.spent)).toBe(expected.get(Number(row.id)));
  });

  it("refuses a billed failure before writing anything of its chunk", async () => {
    const before = await bulk.sql`select count(*)::int as n from calls`;
    const good = { ...records[0]!, requestId: "late_good" };
    const bad = { ...records[0]!, requestId: "late_bad", httpStatus: 503, errorCode: "service_overloaded", costMicros: 80_000 };
    await expect(insertCallsBulk(bulk.db, [good, bad])).rejects.toThrow(/cannot be billed/);
    const after = await bulk.sql`select count(*)::int as n from calls`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
