import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "@/lib/keys/create-key";
import { tokenForKey } from "@/lib/keys/hash";
import { setKeyStatus } from "@/lib/keys/set-key-status";
import type { CallPage, Overview, Summary } from "@/lib/usage/types";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildUsageFixture, FIXTURE_NOW } from "../helpers/usage-fixture";

let t: TestDb;
let app: AppServer;
let fx: Awaited<ReturnType<typeof buildUsageFixture>>;

beforeAll(async () => {
  t = await createTestDb();
  // Neither the server process nor the database sessions run in UTC or Beijing time.
  const admin = postgres(t.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`alter database ${new URL(t.url).pathname.slice(1)} set timezone = 'America/Los_Angeles'`);
  await admin.end();
  fx = await buildUsageFixture(t.db);
  app = await startAppServer(t.url, { TEST_CLOCK: "on", TZ: "Pacific/Kiritimati", USAGE_RATE_LIMIT_PER_MIN: "1000" });
});
afterAll(async () => {
  await app?.stop();
  await t?.drop();
});

function get(path: string, token: string, extra: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}/qcode-img/api/usage/${path}`, {
    headers: { authorization: `Bearer ${token}`, "x-imgledger-now": FIXTURE_NOW, ...extra },
  });
}

async function json<T>(path: string, token: string): Promise<T> {
  const res = await get(path, token);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

describe("authentication", () => {
  it("401 invalid_api_key for an unknown token", async () => {
    const res = await get("overview", "0".repeat(64));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { type: "authentication_error", code: "invalid_api_key", message: "No API key matches this token" },
    });
  });
  it("401 for a missing header and for a raw key sent instead of its token", async () => {
    const missing = await fetch(`${app.baseUrl}/qcode-img/api/usage/overview`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");
    const raw = await get("overview", fx.keyA.rawKey);
    expect(raw.status).toBe(401);
    expect(((await raw.json()) as { error: { message: string } }).error.message).toMatch(/not the key itself/);
  });
});

describe("overview", () => {
  it("summary: exact 30-day totals, Beijing days, the out-of-window call excluded", async () => {
    const o = await json<Overview>("overview", fx.keyA.token);
    expect(o.summary).toEqual<Summary>({
      from: "2026-10-26",
      to: "2026-11-24",
      days: 30,
      calls: 127,
      okCalls: 125,
      failedCalls: 2,
      images: 127,
      costMicros: 10_522_000,
      imageCostMicros: 10_507_000,
      chatCostMicros: 15_000,
      imageCalls: 126,
      chatCalls: 1,
      failedByCode: [
        { code: "image_daily_limit", group: "limits", calls: 1 },
        { code: "image_provider_unavailable", group: "service", calls: 1 },
      ],
      lastUsedAt: "2026-11-24T03:00:00.000Z",
    });
    expect(o.key).toMatchObject({ alias: "prod", status: "active", display: fx.keyA.key.display });
  });

  it("today: images and cost of the Beijing day, all-time total, binding limit, next reset", async () => {
    const o = await json<Overview>("today", fx.keyA.token);
    expect(o.today).toEqual({
      day: "2026-11-24",
      nextResetAt: "2026-11-24T16:00:00.000Z",
      imagesUsed: 3,
      imagesReserved: 0,
      dailyImageCap: 100,
      inFlight: 0,
      concurrencyCap: 2,
      costTodayMicros: 517_000,
      dailyCostLimitMicros: 1_000_000,
      totalCostMicros: 10_733_000,
      totalCostLimitMicros: 20_000_000,
      temporaryUntil: null,
      binding: "total_cost",
      blockedBy: null,
      blockedSince: null,
      disabledSince: null,
    });
  });

  it("a disabled key says since when, from its last audited status change", async () => {
    const { rawKey, key } = await createKey(t.db, { accountName: "Paused Co", alias: "paused" });
    const token = tokenForKey(rawKey);
    expect((await json<Overview>("today", token)).today.disabledSince).toBeNull();
    const ctx = (now: string) => ({ db: t.db, now: new Date(now), actor: { userId: null, label: "support@imgledger.test" }, accountId: null });
    await setKeyStatus({ ctx: ctx("2026-11-20T02:00:00Z"), input: { keyId: key.id, status: "disabled", reason: "chargeback" } });
    await setKeyStatus({ ctx: ctx("2026-11-21T03:00:00Z"), input: { keyId: key.id, status: "active", reason: "resolved" } });
    await setKeyStatus({ ctx: ctx("2026-11-22T04:30:00Z"), input: { keyId: key.id, status: "disabled", reason: "abuse" } });
    expect((await json<Overview>("today", token)).today.disabledSince).toBe("2026-11-22T04:30:00.000Z");
  });

  it("daily series: 30 zero-filled days, split by quality and size", async () => {
    const d = (await json<Overview>("overview", fx.keyA.token)).daily;
    expect(d.timeZone).toBe("Asia/Shanghai");
    expect(d.days).toHaveLength(30);
    expect(d.days[0]).toBe("2026-10-26");
    expect(d.days[29]).toBe("2026-11-24");
    const at = (day: string) => d.days.indexOf(day);
    expect(d.byQuality.high!.costMicros[at("2026-11-24")]).toBe(422_000);
    expect(d.byQuality.high!.costMicros[at("2026-11-23")]).toBe(165_000);
    expect(d.byQuality.low!.costMicros[at("2026-11-24")]).toBe(80_000);
    expect(d.byQuality.low!.images[at("2026-11-20")]).toBe(120);
    expect(d.byQuality.medium!.images[0]).toBe(3);
    expect(d.bySize["1024x1536"]!.costMicros[at("2026-11-23")]).toBe(165_000);
    expect(d.chat.costMicros[at("2026-11-24")]).toBe(15_000);
    expect(d.totals.costMicros.reduce((a, b) => a + b, 0)).toBe(10_522_000);
    expect(d.totals.images.filter((v) => v === 0)).toHaveLength(26);
  });

  it("breakdown: billed size × quality with exact shares; failed image calls counted apart by code", async () => {
    const o = await json<Overview>("overview", fx.keyA.token);
    const b = o.breakdown;
    const cell = (size: string, quality: string) => b.cells.find((c) => c.size === size && c.quality === quality)!;
    expect(b.totalCostMicros).toBe(10_507_000);
    expect(cell("1024x1024", "low")).toEqual({ size: "1024x1024", quality: "low", calls: 121, images: 121, costMicros: 9_680_000, share: 9_680_000 / 10_507_000 });
    expect(cell("1024x1024", "high")).toMatchObject({ calls: 1, images: 2, costMicros: 422_000 });
    // The refused 1536x1024 call is not a billed cell: it is counted by its code.
    expect(cell("1536x1024", "medium")).toMatchObject({ calls: 0, images: 0, costMicros: 0, share: 0 });
    // Only the sizes the gateway sells: 2048x2048 is refused, so it has no column.
    expect(b.sizes).toEqual(["1024x1024", "1024x1536", "1536x1024"]);
    expect(b.cells).toHaveLength(9);
    expect(b.excluded).toEqual([
      { code: "image_daily_limit", calls: 1 },
      { code: "image_provider_unavailable", calls: 1 },
    ]);
    const inCells = b.cells.reduce((n, c) => n + c.calls, 0);
    expect(inCells + b.excluded.reduce((n, x) => n + x.calls, 0)).toBe(o.summary.imageCalls);
  });

  it("errors: per code per day, limits before service", async () => {
    const e = (await json<Overview>("errors", fx.keyA.token)) as unknown as Overview["errors"];
    expect(e.codes.map((c) => [c.code, c.group, c.total])).toEqual([
      ["image_daily_limit", "limits", 1],
      ["image_provider_unavailable", "service", 1],
    ]);
    expect(e.codes[0]!.counts[e.days.indexOf("2026-11-24")]).toBe(1);
    expect(e.codes[1]!.counts[e.days.indexOf("2026-11-23")]).toBe(1);
  });

  it("each key sees only itself", async () => {
    const b = await json<Overview>("overview", fx.keyB.token);
    expect(b.summary).toMatchObject({ calls: 1, costMicros: 80_000 });
    const c = await json<Overview>("overview", fx.keyC.token);
    expect(c.summary).toMatchObject({ calls: 1, costMicros: 844_000, images: 4 });
  });
});

describe("calls", () => {
  it("pages newest first by cursor without skipping or repeating a call", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: CallPage = await json<CallPage>(`calls?limit=50${cursor ? `&cursor=${cursor}` : ""}`, fx.keyA.token);
      seen.push(...page.calls.map((c) => c.requestId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(127);
    expect(new Set(seen).size).toBe(127);
    expect(seen.slice(0, 4)).toEqual(["r4", "r3", "r1", "r2"]);
    expect(seen).not.toContain("r8");
  });

  it("filters by status, kind, code, size, quality and Beijing day range", async () => {
    const ids = async (q: string) => (await json<CallPage>(`calls?${q}`, fx.keyA.token)).calls.map((c) => c.requestId);
    expect(await ids("status=failed")).toEqual(["r3", "r6"]);
    expect(await ids("kind=chat")).toEqual(["r4"]);
    expect(await ids("error_code=image_provider_unavailable")).toEqual(["r6"]);
    expect(await ids("size=1024x1536")).toEqual(["r5"]);
    expect(await ids("quality=medium")).toEqual(["r3", "r7"]);
    // 23:59:59 Beijing time on the 23rd is in; 00:00:00 on the 24th is not.
    expect(await ids("from=2026-11-23&to=2026-11-23")).toEqual(["r5", "r6"]);
  });

  it("shows the arithmetic fields of a billed call", async () => {
    const page = await json<CallPage>("calls?quality=high&size=1024x1024&status=ok", fx.keyA.token);
    expect(page.calls[0]).toMatchObject({
      requestId: "r1",
      n: 2,
      imagesDelivered: 2,
      unitPriceMicros: 211_000,
      floorMicros: 80_000,
      floorApplied: false,
      costMicros: 422_000,
      priceVersion: 1,
      billingDay: "2026-11-24",
    });
  });

  it("400 naming the field for bad filters and cursors", async () => {
    const bad = async (q: string) => {
      const res = await get(`calls?${q}`, fx.keyA.token);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { code: string; message: string; param: string } }).error;
    };
    expect(await bad("from=2024-01-01")).toMatchObject({ code: "invalid_request_error", param: "from" });
    expect(await bad("limit=500")).toMatchObject({ param: "limit" });
    expect(await bad("kind=video")).toMatchObject({ param: "kind" });
    expect(await bad("cursor=nonsense")).toMatchObject({ param: "cursor" });
  });
});

describe("range", () => {
  const ENDPOINTS = ["summary", "overview", "daily", "breakdown", "errors", "calls", "export.csv"];

  it("every endpoint honours from/to: the out-of-window call of 2026-10-25 counts once asked for", async () => {
    const range = "from=2026-10-25&to=2026-11-24";
    const s = await json<Summary>(`summary?${range}`, fx.keyA.token);
    expect(s).toMatchObject({ from: "2026-10-25", to: "2026-11-24", days: 31, calls: 128, costMicros: 10_733_000 });
    const o = await json<Overview>(`overview?${range}`, fx.keyA.token);
    expect(o.summary.costMicros).toBe(10_733_000);
    expect(o.daily.days).toHaveLength(31);
    expect(o.breakdown.totalCostMicros).toBe(10_718_000);
    expect(o.firstCallDay).toBe("2026-10-25");
    const d = await json<Overview["daily"]>(`daily?${range}`, fx.keyA.token);
    expect(d.totals.costMicros.reduce((a, b) => a + b, 0)).toBe(10_733_000);
    const b = await json<Overview["breakdown"]>(`breakdown?from=2026-11-24&to=2026-11-24`, fx.keyA.token);
    expect(b).toMatchObject({ from: "2026-11-24", to: "2026-11-24" });
    const e = await json<Overview["errors"]>(`errors?from=2026-11-24&to=2026-11-24`, fx.keyA.token);
    expect(e.codes.map((c) => c.code)).toEqual(["image_daily_limit"]);
    const week = await json<Summary>("summary?days=7", fx.keyA.token);
    expect(week).toMatchObject({ from: "2026-11-18", to: "2026-11-24", days: 7 });
  });

  it("every endpoint answers 400 naming the field for an inverted, ten-year, future or malformed range", async () => {
    for (const path of ENDPOINTS) {
      const bad = async (q: string) => {
        const res = await get(`${path}?${q}`, fx.keyA.token);
        expect(res.status, `${path}?${q}`).toBe(400);
        return ((await res.json()) as { error: { code: string; param: string } }).error;
      };
      expect(await bad("from=2026-11-20&to=2026-11-10")).toMatchObject({ code: "invalid_request_error", param: "from" });
      expect(await bad("from=2016-11-24&to=2026-11-24")).toMatchObject({ param: "from" });
      expect(await bad("to=2026-11-25")).toMatchObject({ param: "to" });
      expect(await bad("from=2026-02-30")).toMatchObject({ param: "from" });
      expect(await bad("days=0")).toMatchObject({ param: "days" });
    }
  });
});

describe("CSV export", () => {
  it("streams every call of the range with BOM and zone, totals equal to the summary", async () => {
    const res = await get("export.csv", fx.keyA.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").trim().split("\r\n");
    const header = lines[0]!.split(",");
    expect(header[0]).toBe("time (Asia/Shanghai UTC+8)");
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows).toHaveLength(127);
    const billed = header.indexOf("billed_micros");
    const totalMicros = rows.reduce((s, r) => s + Number(r[billed]), 0);
    const summary = await json<Summary>("summary", fx.keyA.token);
    expect(totalMicros).toBe(summary.costMicros);
    const r5 = rows.find((r) => r[header.indexOf("request_id")] === "r5")!;
    expect(r5[0]).toBe("2026-11-23 23:59:59.000+08:00");
    expect(r5[header.indexOf("unit_price_micros")]).toBe("165000");
    expect(r5[header.indexOf("unit_price_usd")]).toBe("0.1650");
    const r2 = rows.find((r) => r[header.indexOf("request_id")] === "r2")!;
    expect(r2[header.indexOf("floor_applied")]).toBe("yes");
    expect(r2[header.indexOf("billed_usd")]).toBe("0.0800");
    expect(r2[header.indexOf("billed_micros")]).toBe("80000");
    expect(r2[header.indexOf("engine")]).toBe("");
  });
});

describe("rate limit", () => {
  it("429 with Retry-After per client address and per token past the limit", async () => {
    // The test process is the reverse proxy: X-Forwarded-For is believed only from TRUSTED_PROXIES.
    const limited = await startAppServer(t.url, { USAGE_RATE_LIMIT_PER_MIN: "3", TRUSTED_PROXIES: "127.0.0.1" });
    try {
      const hit = (addr: string, token = fx.keyA.token) =>
        fetch(`${limited.baseUrl}/qcode-img/api/usage/summary`, {
          headers: { authorization: `Bearer ${token}`, "x-forwarded-for": addr },
        });
      for (let i = 0; i < 3; i++) expect((await hit("203.0.113.7")).status).toBe(200);
      const res = await hit("203.0.113.7");
      expect(res.status).toBe(429);
      const retry = Number(res.headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(((await res.json()) as { error: { type: string; code: string } }).error).toMatchObject({
        type: "rate_limit_error",
        code: "rate_limit_exceeded",
      });
      // Another address with another key is served; the same key from a made-up address is not.
      expect((await hit("203.0.113.8", fx.keyB.token)).status).toBe(200);
      expect((await hit("198.51.100.1")).status).toBe(429);
      // An address that has spent its budget on unknown tokens is limited before the lookup.
      for (let i = 0; i < 2; i++) expect((await hit("203.0.113.9", "f".repeat(64))).status).toBe(401);
      expect((await hit("203.0.113.9", fx.keyC.token)).status).toBe(200);
      expect((await hit("203.0.113.9", fx.keyC.token)).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

describe("rollups", () => {
  it("usage_daily equals a raw aggregation of calls", async () => {
    const diff = await t.sql`
      with raw as (
        select account_id, key_id, (created_at at time zone 'Asia/Shanghai')::date as day, kind, model,
               coalesce(size, '') size, coalesce(quality, '') quality, coalesce(error_code, '') error_code,
               coalesce(region, '') region, coalesce(price_version, 0) price_version,
               count(*)::int calls, sum(images_delivered)::int images, sum(cost_micros)::bigint cost
        from calls group by 1,2,3,4,5,6,7,8,9,10),
      roll as (select account_id, key_id, day, kind, model, size, quality, error_code, region, price_version, calls, images, cost_micros::bigint cost from usage_daily)
      (select * from raw except select * from roll) union all (select * from roll except select * from raw)`;
    expect(diff).toHaveLength(0);
    const [n] = await t.sql`select count(*)::int n from usage_daily`;
    expect(n!.n).toBe(11);
  });
});
