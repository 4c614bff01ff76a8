import argon2 from "argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCredentials, seedDemoDataIfEmpty } from "@/lib/demo/seed";
import { displayForm, lookupHashForKey } from "@/lib/keys/hash";
import { KNOWN_ERROR_CODES } from "@/lib/usage/types";
import { createTestDb, type TestDb } from "../helpers/db";

/** 12:00 Beijing time on 2026-11-24. */
const NOW = new Date("2026-11-24T04:00:00.000Z");
const TODAY = "2026-11-24";
const SEED = "demo-test-seed";

let t: TestDb;
let seeded: { calls: number } | null;
let seedMs = 0;

beforeAll(async () => {
  t = await createTestDb();
  const started = performance.now();
  seeded = await seedDemoDataIfEmpty(t.db, { seed: SEED, now: NOW });
  seedMs = performance.now() - started;
  console.log(`demo seed: ${seeded?.calls} calls in ${(seedMs / 1000).toFixed(2)} s`);
}, 120_000);
afterAll(() => t?.drop());

const one = async <T extends Record<string, unknown>>(q: Promise<T[]>): Promise<T> => (await q)[0]!;

/** A fingerprint of the whole ledger that does not depend on generated ids. */
const FINGERPRINT = `select md5(string_agg(concat_ws('|', a.name, k.alias, c.request_id, c.created_at, c.kind, c.model,
  c.size, c.quality, c.n, c.images_delivered, c.http_status, c.error_code, c.cost_micros, c.latency_ms,
  c.region, c.prompt_preview, c.input_tokens, c.output_tokens), ',' order by c.request_id)) as h, count(*)::int as n
  from calls c join api_keys k on k.id = c.key_id join accounts a on a.id = c.account_id`;

describe("seedDemoDataIfEmpty", () => {
  it("seeds about 50,000 calls in a few seconds", () => {
    expect(seeded).not.toBeNull();
    // Deterministic: this seed and day always give exactly this many.
    expect(seeded!.calls).toBe(49_236);
    expect(seedMs).toBeLessThan(30_000);
  });

  it("does nothing when an account exists", async () => {
    expect(await seedDemoDataIfEmpty(t.db, { seed: "other", now: NOW })).toBeNull();
    const c = await one(t.sql`select count(*)::int as n from calls`);
    expect(c.n).toBe(seeded!.calls);
  });

  it("is deterministic: the same seed and day give the same ledger, another seed another one", async () => {
    const again = await createTestDb();
    try {
      await seedDemoDataIfEmpty(again.db, { seed: SEED, now: NOW });
      const a = await one(t.sql.unsafe(FINGERPRINT));
      const b = await one(again.sql.unsafe(FINGERPRINT));
      expect(b).toEqual(a);
    } finally {
      await again.drop();
    }
    expect(demoCredentials(SEED)).toEqual(demoCredentials(SEED));
    expect(demoCredentials("x").keys[0]!.rawKey).not.toBe(demoCredentials(SEED).keys[0]!.rawKey);
  }, 120_000);

  it("has 4 accounts (one in CNY), 9 keys, an expired and a disabled key, and 6 sign-ins", async () => {
    const acc = await t.sql`select name, currency::text from accounts`;
    expect(acc.length).toBe(4);
    expect(acc.some((a) => a.currency === "CNY")).toBe(true);
    const keys = await t.sql`select alias, status::text, expires_at from api_keys`;
    expect(keys.length).toBe(9);
    expect(keys.filter((k) => k.expires_at && new Date(k.expires_at) < NOW)).toHaveLength(1);
    expect(keys.filter((k) => k.status === "disabled")).toHaveLength(1);
    const users = await t.sql`select email, role::text, password_hash, account_id from users order by email`;
    expect(users.map((u) => u.role).sort()).toEqual(["admin", "customer", "customer", "customer", "customer", "support"]);
    const creds = demoCredentials(SEED);
    for (const u of creds.users) {
      const row = users.find((r) => r.email === u.email)!;
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(await argon2.verify(row.password_hash, u.password)).toBe(true);
      expect(row.account_id === null).toBe(u.role !== "customer");
    }
  });

  it("stores keys only as lookup hash and display form", async () => {
    const creds = demoCredentials(SEED);
    expect(creds.keys.length).toBe(9);
    const rows = await t.sql`select k.alias, a.name, k.lookup_hash, k.display, row_to_json(k)::text as everything
      from api_keys k join accounts a on a.id = k.account_id`;
    for (const c of creds.keys) {
      expect(c.rawKey).toMatch(/^cr_[0-9A-Za-z]{40}$/);
      const row = rows.find((r) => r.name === c.account && r.alias === c.alias)!;
      expect(row.lookup_hash).toBe(lookupHashForKey(c.rawKey));
      expect(row.display).toBe(displayForm(c.rawKey));
      for (const r of rows) expect(r.everything).not.toContain(c.rawKey.slice(3));
    }
  });

  it("covers 45 billing days ending today, with a Beijing-time daily rhythm", async () => {
    const d = await one(t.sql`select count(distinct billing_day)::int as days, min(billing_day)::text as first,
      max(billing_day)::text as last, max(created_at) as latest from calls`);
    expect(d).toMatchObject({ days: 45, first: "2026-10-11", last: TODAY });
    expect(new Date(d.latest as string).getTime()).toBeLessThan(NOW.getTime());
    const h = await one(t.sql`select
      avg(case when extract(hour from created_at at time zone 'Asia/Shanghai') between 1 and 5 then 1 else 0 end)::float as night,
      avg(case when extract(hour from created_at at time zone 'Asia/Shanghai') between 9 and 17 then 1 else 0 end)::float as office
      from calls where billing_day < ${TODAY}`);
    expect(h.night).toBeLessThan(0.03);
    expect(h.office).toBeGreaterThan(0.55);
  });

  it("has successful image calls of every billable size (never 2048x2048), quality and n, mostly n = 1", async () => {
    const ok = await t.sql`select size, quality, n, count(*)::int as calls from calls
      where kind = 'image' and error_code is null group by 1, 2, 3`;
    const sizes = new Set(ok.map((r) => r.size));
    expect([...sizes].sort()).toEqual(["1024x1024", "1024x1536", "1536x1024"]);
    expect(new Set(ok.map((r) => r.quality))).toEqual(new Set(["low", "medium", "high"]));
    expect(new Set(ok.map((r) => r.n))).toEqual(new Set([1, 2, 3, 4]));
    const total = ok.reduce((s, r) => s + r.calls, 0);
    const by = (f: (r: (typeof ok)[number]) => boolean) => ok.filter(f).reduce((s, r) => s + r.calls, 0) / total;
    expect(by((r) => r.n === 1)).toBeGreaterThan(0.6);
    // 2048x2048 asks are refused like the gateway does: no size kept, code unsupported_size.
    expect((await one(t.sql`select count(*)::int as n from calls where size = '2048x2048'`)).n).toBe(0);
    expect((await one(t.sql`select count(*)::int as n from calls where error_code = 'unsupported_size' and size is null`)).n).toBeGreaterThan(100);
  });

  it("prices every successful image call from price book version 1, and bills no failure", async () => {
    const bad = await one(t.sql`select count(*)::int as n from calls c join price_book p
      on p.version = 1 and p.size = c.size and p.quality = c.quality
      where c.kind = 'image' and c.error_code is null and (c.cost_micros <> c.n * greatest(p.unit_price_micros, p.floor_micros)
        or c.unit_price_micros <> p.unit_price_micros or c.floor_micros <> p.floor_micros or c.price_version <> 1
        or c.images_delivered <> c.n or c.http_status <> 200)`);
    expect(bad.n).toBe(0);
    const unpriced = await one(t.sql`select count(*)::int as n from calls where kind = 'image' and error_code is null and price_version is null`);
    expect(unpriced.n).toBe(0);
    const billedFailures = await one(t.sql`select count(*)::int as n from calls
      where error_code is not null and (cost_micros <> 0 or images_delivered <> 0 or http_status < 400)`);
    expect(billedFailures.n).toBe(0);
  });

  it("has failures with every error code of the reference and its HTTP status", async () => {
    const rows = await t.sql`select error_code, http_status, count(*)::int as n from calls
      where error_code is not null group by 1, 2 order by 1`;
    const statuses = Object.fromEntries(rows.map((r) => [r.error_code, r.http_status]));
    expect(statuses).toEqual({
      client_closed: 499,
      concurrency_exhausted: 429,
      crs_daily_exhausted: 429,
      crs_total_exhausted: 429,
      image_daily_limit: 429,
      image_provider_unavailable: 503,
      invalid_api_key: 401,
      invalid_request_error: 400,
      key_expired: 401,
      service_overloaded: 503,
      unsupported_size: 422,
    });
    expect(Object.keys(statuses).sort()).toEqual([...KNOWN_ERROR_CODES].sort());
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(3);
  });

  it("keeps latencies of successful image calls inside the reference's ranges per quality", async () => {
    const rows = await t.sql`select quality, min(latency_ms)::int as lo, max(latency_ms)::int as hi,
      percentile_cont(0.5) within group (order by latency_ms)::int as p50
      from calls where kind = 'image' and error_code is null group by 1`;
    const q = Object.fromEntries(rows.map((r) => [r.quality, r]));
    expect(q.low!.lo).toBeGreaterThanOrEqual(20_000);
    expect(q.low!.hi).toBeLessThanOrEqual(50_000);
    expect(q.medium!.lo).toBeGreaterThanOrEqual(50_000);
    expect(q.medium!.hi).toBeLessThanOrEqual(120_000);
    expect(q.high!.lo).toBeGreaterThanOrEqual(70_000);
    expect(q.high!.hi).toBeLessThanOrEqual(150_000);
    expect(q.low!.p50).toBeLessThanOrEqual(35_000);
    expect(q.high!.p50).toBeGreaterThanOrEqual(70_000);
  });

  it("has chat calls of the same keys with Claude, GPT and Gemini models, tokens and costs", async () => {
    const rows = await t.sql`select model, count(*)::int as n, min(input_tokens)::int as min_in,
      min(output_tokens)::int as min_out, min(cost_micros)::bigint as min_cost, count(distinct key_id)::int as keys
      from calls where kind = 'chat' and error_code is null group by 1`;
    const models = rows.map((r) => r.model as string);
    for (const family of ["claude-", "gpt-", "gemini-"]) expect(models.some((m) => m.startsWith(family))).toBe(true);
    for (const r of rows) {
      expect(r.min_in).toBeGreaterThan(0);
      expect(r.min_out).toBeGreaterThan(0);
      expect(Number(r.min_cost)).toBeGreaterThan(0);
    }
    const share = await one(t.sql`select avg(case when kind = 'chat' then 1 else 0 end)::float as chat from calls`);
    expect(share.chat).toBeGreaterThan(0.15);
  });

  it("has one key at 93 of its 100 images today, and prompt previews in English and Chinese", async () => {
    const near = await t.sql`select k.alias, c.images_used, k.daily_image_cap from key_day_counters c
      join api_keys k on k.id = c.key_id where c.day = ${TODAY} and c.images_used >= k.daily_image_cap * 0.9`;
    expect(near.map((r) => [r.alias, r.images_used, r.daily_image_cap])).toEqual([["web", 93, 100]]);
    const p = await one(t.sql`select count(*) filter (where prompt_preview ~ '[一-龥]')::int as zh,
      count(*) filter (where prompt_preview ~ '^[A-Za-z]')::int as en, max(char_length(prompt_preview))::int as longest from calls`);
    // Exact for this seed; the longest stays within the 120-character preview.
    expect(p).toEqual({ zh: 8_140, en: 27_088, longest: 103 });
  });

  it("keeps every rollup equal to a raw aggregation of the whole demo ledger", async () => {
    const diff = await one(t.sql`
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
             (select count(*) from (select * from roll except select * from raw) y)::int as extra`);
    expect(diff).toEqual({ missing: 0, extra: 0 });
    const counters = await one(t.sql`
      with raw as (select key_id, billing_day as day, sum(images_delivered)::int as images, sum(cost_micros)::bigint as cost
        from calls where images_delivered > 0 or cost_micros > 0 group by 1, 2),
      kdc as (select key_id, day, images_used, cost_used_micros from key_day_counters)
      select (select count(*) from (select * from raw except select * from kdc) x)::int as missing,
             (select count(*) from (select * from kdc except select * from raw) y)::int as extra`);
    expect(counters).toEqual({ missing: 0, extra: 0 });
    const keys = await one(t.sql`select count(*)::int as wrong from api_keys k
      left join (select key_id, sum(cost_micros) as spent, max(created_at) as last from calls group by 1) c on c.key_id = k.id
      where k.spent_total_micros <> coalesce(c.spent, 0) or k.last_used_at is distinct from c.last`);
    expect(keys.wrong).toBe(0);
  });
});
