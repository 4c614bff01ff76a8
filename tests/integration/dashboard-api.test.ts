import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountOverview, DailySeries, KeyRow, ModelRow, MonthStatement, Summary } from "@/lib/usage/types";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { buildDashboardFixture, DASH_NOW } from "../helpers/dashboard-fixture";
import { createTestDb, type TestDb } from "../helpers/db";
import { openai } from "../helpers/gateway";
import { sessionCookie, TEST_AUTH_SECRET } from "../helpers/session";

let t: TestDb;
let app: AppServer;
let fx: Awaited<ReturnType<typeof buildDashboardFixture>>;
let cookie: string;
let otherCookie: string;
let staffCookie: string;

const API = "/qcode-img/api/account";

beforeAll(async () => {
  t = await createTestDb();
  fx = await buildDashboardFixture(t.db);
  cookie = await sessionCookie({ id: fx.customer.id, email: fx.customer.email });
  otherCookie = await sessionCookie({ id: fx.otherCustomer.id, email: fx.otherCustomer.email });
  staffCookie = await sessionCookie({ id: fx.support.id, email: fx.support.email });
  app = await startAppServer(t.url, { TEST_CLOCK: "on", NEXTAUTH_SECRET: TEST_AUTH_SECRET, FX_USD_CNY: "7.2", TZ: "Pacific/Kiritimati" });
});
afterAll(async () => {
  await app?.stop();
  await t?.drop();
});

function get(path: string, c: string | null = cookie) {
  return fetch(`${app.baseUrl}${API}/${path}`, { headers: { "x-imgledger-now": DASH_NOW, ...(c ? { cookie: c } : {}) } });
}

function send(method: string, path: string, body: unknown, c: string | null = cookie, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}${API}/${path}`, {
    method,
    headers: { "content-type": "application/json", "x-imgledger-now": DASH_NOW, ...(c ? { cookie: c } : {}), ...headers },
    body: JSON.stringify(body),
  });
}

async function json<T>(path: string, c: string | null = cookie): Promise<T> {
  const res = await get(path, c);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

async function errorOf(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (JSON.parse(text) as { error: { type: string; code: string; message: string; param?: string } }).error;
}

/** Sum of the billed_micros column of a CSV (exact micro-dollars; billed_usd is the page's rounded figure). */
function csvBilledMicros(text: string): { rows: string[][]; micros: number } {
  const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
  const header = lines[0]!.split(",");
  const col = header.indexOf("billed_micros");
  const rows = lines.slice(1).map((l) => l.split(","));
  const micros = rows.reduce((s, r) => s + Number(r[col]!), 0);
  return { rows: [header, ...rows], micros };
}

describe("account overview: every number against the fixture", () => {
  it("cards: today, month-to-date across the Beijing month boundary, projection, all-time, last used", async () => {
    const o = await json<AccountOverview>("overview");
    expect(o.account).toMatchObject({ name: "Dash Co", currency: "CNY" });
    expect(o.fx).toEqual({ currency: "CNY", rate: 7.2 });
    expect([o.from, o.to, o.bucket]).toEqual(["2026-11-03", "2026-12-02", "day"]);
    // Today (Dec 2): d1 $0.422 + chat1 $0.015; 2 images against 10 + 100 + 100 of the three usable keys.
    expect(o.today).toEqual({ day: "2026-12-02", costMicros: 437_000, images: 2, imageCap: 210 });
    // December: d2 (00:00:00 on Dec 1) + s1 + today; d3 (23:59:59 on Nov 30) is November's.
    // Run rate: Nov 26 … Dec 2 = $0.165 + $0.320 + $0.437 = $0.922 / 7 = $0.131714; 29 days left.
    expect(o.monthToDate).toEqual({
      month: "2026-12",
      costMicros: 757_000,
      runRateMicros: 131_714,
      projectedMicros: 757_000 + 131_714 * 29,
      daysLeft: 29,
    });
    expect(o.allTimeCostMicros).toBe(1_218_000);
    expect(o.lastUsed).toEqual({ keyId: fx.prod.key.id, alias: "prod", display: fx.prod.key.display, at: "2026-12-02T03:00:00.000Z" });
  });

  it("range summary: image and chat merged, the October call outside", async () => {
    const o = await json<AccountOverview>("overview");
    expect(o.summary).toEqual<Summary>({
      from: "2026-11-03",
      to: "2026-12-02",
      days: 30,
      calls: 9,
      okCalls: 7,
      failedCalls: 2,
      images: 8,
      costMicros: 1_007_000,
      imageCostMicros: 987_000,
      chatCostMicros: 20_000,
      imageCalls: 7,
      chatCalls: 2,
      failedByCode: [
        { code: "image_daily_limit", group: "limits", calls: 1 },
        { code: "image_provider_unavailable", group: "service", calls: 1 },
      ],
      lastUsedAt: "2026-12-02T03:00:00.000Z",
    });
    expect(await json<Summary>("summary")).toEqual(o.summary);
  });

  it("model breakdown: gpt-image-2 beside the chat models, costliest first", async () => {
    const { models } = await json<{ models: ModelRow[] }>("models");
    expect(models).toEqual<ModelRow[]>([
      { model: "gpt-image-2", kind: "image", calls: 7, images: 8, inputTokens: 0, outputTokens: 0, costMicros: 987_000 },
      { model: "claude-sonnet-4-5", kind: "chat", calls: 1, images: 0, inputTokens: 1_200, outputTokens: 800, costMicros: 15_000 },
      { model: "gpt-5", kind: "chat", calls: 1, images: 0, inputTokens: 100, outputTokens: 50, costMicros: 5_000 },
    ]);
  });

  it("cost by region, per-day series by quality and model, errors by code", async () => {
    const o = await json<AccountOverview>("overview");
    expect(o.regions).toEqual([
      { region: "hk", calls: 3, costMicros: 587_000 },
      { region: "us", calls: 2, costMicros: 320_000 },
      { region: "jp", calls: 1, costMicros: 80_000 },
      { region: "", calls: 2, costMicros: 20_000 },
      { region: "eu", calls: 1, costMicros: 0 },
    ]);
    const at = (d: string) => o.daily.days.indexOf(d);
    expect(o.daily.days).toHaveLength(30);
    expect(o.daily.byQuality.low!.images[at("2026-12-01")]).toBe(4);
    expect(o.daily.byQuality.high!.costMicros[at("2026-11-30")]).toBe(165_000);
    expect(o.daily.totals.costMicros.reduce((a, b) => a + b, 0)).toBe(1_007_000);
    expect(o.costByModel.models.map((m) => [m.model, m.total])).toEqual([
      ["gpt-image-2", 987_000],
      ["claude-sonnet-4-5", 15_000],
      ["gpt-5", 5_000],
    ]);
    expect(o.costByModel.models[0]!.costMicros[at("2026-12-02")]).toBe(422_000);
    expect(o.errors.codes.map((c) => [c.code, c.total, c.counts[at(c.code === "image_daily_limit" ? "2026-12-02" : "2026-11-28")]])).toEqual([
      ["image_daily_limit", 1, 1],
      ["image_provider_unavailable", 1, 1],
    ]);
  });

  it("a range of 2 days or less is hourly, Beijing hours", async () => {
    const d = await json<DailySeries>("daily?from=2026-12-01&to=2026-12-02");
    expect(d.bucket).toBe("hour");
    expect(d.days).toHaveLength(48);
    expect(d.days[0]).toBe("2026-12-01 00:00");
    expect(d.byQuality.low!.costMicros[d.days.indexOf("2026-12-01 00:00")]).toBe(80_000);
    expect(d.byQuality.low!.images[d.days.indexOf("2026-12-01 13:00")]).toBe(3);
    expect(d.byQuality.high!.costMicros[d.days.indexOf("2026-12-02 09:00")]).toBe(422_000);
    expect(d.chat.costMicros[d.days.indexOf("2026-12-02 11:00")]).toBe(15_000);
    expect(d.totals.calls.reduce((a, b) => a + b, 0)).toBe(5);
    const o = await json<AccountOverview>("overview?from=2026-12-01&to=2026-12-02");
    expect(o.errors.codes[0]!.counts[o.errors.days.indexOf("2026-12-02 10:00")]).toBe(1);
  });

  it("keys table: highest spend first, today against caps, the binding limit; alerts", async () => {
    const { keys } = await json<{ keys: KeyRow[] }>("keys");
    expect(keys.map((k) => [k.alias, k.status, k.rangeCostMicros, k.spentTotalMicros, k.imagesToday, k.binding])).toEqual([
      ["prod", "active", 687_000, 898_000, 2, "total_cost"],
      ["staging", "active", 320_000, 320_000, 0, null],
      ["old", "active", 0, 0, 0, null],
      ["paused", "disabled", 0, 0, 0, null],
    ]);
    expect(keys[0]).toMatchObject({
      id: fx.prod.key.id,
      display: fx.prod.key.display,
      lastUsedAt: "2026-12-02T03:00:00.000Z",
      costTodayMicros: 437_000,
      dailyImageCap: 10,
      concurrencyCap: 2,
      dailyCostLimitMicros: 1_000_000,
      totalCostLimitMicros: 1_100_000,
    });
    const o = await json<AccountOverview>("overview");
    expect(o.alerts).toEqual([
      { kind: "usage", keyId: fx.prod.key.id, alias: "prod", limit: "total_cost", level: 80, used: 898_000, cap: 1_100_000 },
      { kind: "expiring", keyId: fx.old.key.id, alias: "old", expiresAt: "2026-12-05T04:00:00.000Z" },
      { kind: "unusable", keyId: fx.paused.key.id, alias: "paused", reason: "disabled" },
    ]);
  });

  it("the account's summary is the sum of its keys' summaries", async () => {
    const account = await json<Summary>("summary?from=2026-10-01&to=2026-12-02");
    const perKey = await Promise.all(
      [fx.prod, fx.staging, fx.old, fx.paused].map((k) => json<Summary>(`keys/${k.key.id}/summary?from=2026-10-01&to=2026-12-02`)),
    );
    for (const f of ["calls", "okCalls", "failedCalls", "images", "costMicros", "imageCostMicros", "chatCostMicros"] as const) {
      expect(perKey.reduce((s, k) => s + k[f], 0), f).toBe(account[f]);
    }
    expect(account.costMicros).toBe(1_218_000);
  });
});

describe("statements", () => {
  it("one row per Beijing month since the first call, newest first", async () => {
    const { months } = await json<{ months: MonthStatement[] }>("statements");
    expect(months).toEqual<MonthStatement[]>([
      { month: "2026-12", calls: 5, images: 6, imageCostMicros: 742_000, chatCostMicros: 15_000, costMicros: 757_000, priceBookVersions: [1] },
      { month: "2026-11", calls: 4, images: 2, imageCostMicros: 245_000, chatCostMicros: 5_000, costMicros: 250_000, priceBookVersions: [1] },
      { month: "2026-10", calls: 1, images: 1, imageCostMicros: 211_000, chatCostMicros: 0, costMicros: 211_000, priceBookVersions: [1] },
    ]);
  });

  it("each month's CSV adds up to its statement to the micro-dollar, with the key alias", async () => {
    const { months } = await json<{ months: MonthStatement[] }>("statements");
    for (const m of months) {
      const res = await get(`statements/${m.month}.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="imgledger-statement-${m.month}.csv"`);
      const { rows, micros } = csvBilledMicros(await res.text());
      expect(micros, m.month).toBe(m.costMicros);
      expect(rows.length - 1, m.month).toBe(m.calls);
    }
    const { rows } = csvBilledMicros(await (await get("statements/2026-11.csv")).text());
    expect(rows[0]!.slice(0, 4)).toEqual(["time (Asia/Shanghai UTC+8)", "key", "key_alias", "kind"]);
    // 23:59:59 on Nov 30, Beijing time, is November's last call.
    expect(rows[1]!.slice(0, 3)).toEqual(["2026-11-30 23:59:59.000+08:00", fx.prod.key.display, "prod"]);
    expect((await get("statements/2026-13.csv")).status).toBe(400);
    expect((await get("statements/latest.csv")).status).toBe(404);
  });

  it("the range export equals the screen's total; one key's export only that key", async () => {
    const { micros, rows } = csvBilledMicros(await (await get("export.csv")).text());
    expect(micros).toBe(1_007_000);
    expect(rows.length - 1).toBe(9);
    const one = csvBilledMicros(await (await get(`export.csv?key=${fx.staging.key.id}&from=2026-11-01&to=2026-12-02`)).text());
    expect(one.micros).toBe(320_000);
    expect(new Set(one.rows.slice(1).map((r) => r[2]))).toEqual(new Set(["staging"]));
  });
});

describe("range validation", () => {
  it("400 naming the field: bad day, inverted, over 400 days, after today", async () => {
    expect(await errorOf(await get("summary?from=2026-11-31"), 400)).toMatchObject({ code: "invalid_request_error", param: "from" });
    expect(await errorOf(await get("summary?from=2026-12-02&to=2026-12-01"), 400)).toMatchObject({ param: "from" });
    expect(await errorOf(await get("keys?from=2025-10-28&to=2026-12-02"), 400)).toMatchObject({ param: "from" });
    expect(await errorOf(await get("models?to=2026-12-03"), 400)).toMatchObject({ param: "to" });
    // 400 days exactly is fine.
    expect((await get("summary?from=2025-10-29&to=2026-12-02")).status).toBe(200);
  });
});

describe("who may call", () => {
  it("no session: 401; a staff session: 403; a cross-site mutation: 403", async () => {
    for (const path of ["summary", "keys", "statements", "limit-requests", `keys/${fx.prod.key.id}/overview`]) {
      expect(await errorOf(await get(path, null), 401)).toMatchObject({ code: "unauthenticated" });
      expect(await errorOf(await get(path, staffCookie), 403)).toMatchObject({ code: "forbidden" });
    }
    const cross = await send("PATCH", `keys/${fx.prod.key.id}`, { alias: "pwned" }, cookie, { origin: "https://evil.example" });
    expect(await errorOf(cross, 403)).toMatchObject({ code: "cross_site_request" });
    const row = await json<{ alias: string }>(`keys/${fx.prod.key.id}`);
    expect(row.alias).toBe("prod");
  });

  it("another account's key, by id, is 404 on every endpoint and leaks nothing", async () => {
    const id = fx.other.key.id;
    const paths = [
      `keys/${id}`,
      ...["summary", "daily", "breakdown", "calls", "errors", "export.csv", "overview", "today", "limit-history"].map((p) => `keys/${id}/${p}`),
      `export.csv?key=${id}`,
    ];
    for (const p of paths) {
      const res = await get(p);
      const text = await res.text();
      expect(res.status, p).toBe(404);
      expect(JSON.parse(text), p).toEqual({ error: { type: "not_found_error", code: "not_found", message: "Key not found" } });
      expect(text).not.toContain("theirs");
    }
    expect((await send("PATCH", `keys/${id}`, { status: "disabled" })).status).toBe(404);
    expect((await send("POST", "limit-requests", { keyId: id, field: "dailyImageCap", value: 500, reason: "more" })).status).toBe(404);
    // Their own view is untouched and holds none of Dash Co's data.
    const theirs = await json<{ keys: KeyRow[] }>("keys", otherCookie);
    expect(theirs.keys.map((k) => [k.alias, k.status])).toEqual([["theirs", "active"]]);
    const theirStatements = await json<{ months: MonthStatement[] }>("statements", otherCookie);
    expect(theirStatements.months).toEqual([
      { month: "2026-12", calls: 1, images: 4, imageCostMicros: 844_000, chatCostMicros: 0, costMicros: 844_000, priceBookVersions: [1] },
    ]);
    expect((await json<{ requests: unknown[] }>("limit-requests", otherCookie)).requests).toEqual([]);
    const mine = csvBilledMicros(await (await get("export.csv?from=2026-10-01&to=2026-12-02")).text());
    expect(mine.rows.some((r) => r.includes("x1"))).toBe(false);
    expect(mine.micros).toBe(1_218_000);
  });
});

describe("limit requests", () => {
  it("create → pending in the list; bad input is a 400 naming the field, nothing written", async () => {
    const bad = async (body: unknown, param: string) =>
      expect(await errorOf(await send("POST", "limit-requests", body), 400)).toMatchObject({ param });
    await bad({ keyId: fx.prod.key.id, field: "dailyImageCap", value: 10, reason: "x" }, "value");
    await bad({ keyId: fx.prod.key.id, field: "dailyImageCap", value: 50, reason: "  " }, "reason");
    await bad({ keyId: fx.prod.key.id, field: "monthlyImages", value: 50, reason: "x" }, "field");
    await bad({ keyId: fx.staging.key.id, field: "dailyCostLimitMicros", value: 5_000_000, reason: "x" }, "value");
    await bad({ keyId: fx.prod.key.id, field: "dailyImageCap", value: 1.5, reason: "x" }, "value");
    expect((await json<{ requests: unknown[] }>("limit-requests")).requests).toEqual([]);

    const res = await send("POST", "limit-requests", { keyId: fx.prod.key.id, field: "dailyImageCap", value: 50, reason: "Launch week" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: number; status: string };
    expect(created.status).toBe("pending");
    const { requests } = await json<{ requests: Record<string, unknown>[] }>("limit-requests");
    expect(requests).toEqual([
      {
        id: created.id,
        keyId: fx.prod.key.id,
        field: "dailyImageCap",
        value: 50,
        reason: "Launch week",
        status: "pending",
        note: null,
        createdAt: DASH_NOW,
        decidedAt: null,
        approvedUntil: null,
      },
    ]);
    // Asking changes nothing on the key.
    const { keys } = await json<{ keys: KeyRow[] }>("keys");
    expect(keys.find((k) => k.alias === "prod")!.dailyImageCap).toBe(10);
  });
});

describe("keys: create, rename, disable", () => {
  it("creates a key shown once, uses it through the official client, and a disabled key's next call gets 401", async () => {
    const bad = await send("POST", "keys", { alias: "" });
    expect(await errorOf(bad, 400)).toMatchObject({ param: "alias" });

    const res = await send("POST", "keys", { alias: "launch" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: number; key: string; display: string; alias: string };
    expect(created.key).toMatch(/^cr_[0-9A-Za-z]{40}$/);
    expect(created.display).toBe(`cr_${created.key.slice(3, 7)}…${created.key.slice(-4)}`);
    // The raw key is never served again.
    const listed = await (await get("keys")).text();
    expect(listed).toContain(created.display);
    expect(listed).not.toContain(created.key);
    const stored = await t.sql`select lookup_hash, display from api_keys where id = ${created.id} and account_id = ${fx.prod.key.accountId}`;
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(created.key);

    const client = openai(app.baseUrl, created.key);
    const img = await client.images.generate({ model: "gpt-image-2", prompt: "a lighthouse", size: "1024x1024", quality: "low" });
    expect(img.data?.[0]?.b64_json).toBeTruthy();

    const renamed = await send("PATCH", `keys/${created.id}`, { alias: "launch-2" });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: created.id, alias: "launch-2", status: "active" });
    // Limits are not the customer's to change: nothing is written.
    expect(await errorOf(await send("PATCH", `keys/${created.id}`, { alias: "x", dailyImageCap: 1000 }), 400)).toMatchObject({ param: "dailyImageCap" });
    expect(await errorOf(await send("PATCH", `keys/${created.id}`, { status: "deleted" }), 400)).toMatchObject({ param: "status" });
    expect((await json<{ alias: string }>(`keys/${created.id}`)).alias).toBe("launch-2");

    const disabled = await send("PATCH", `keys/${created.id}`, { status: "disabled" });
    expect(await disabled.json()).toMatchObject({ status: "disabled" });
    // The gateway still has the key in its few-second cache; the reservation re-checks in SQL.
    const err = await client.images
      .generate({ model: "gpt-image-2", prompt: "again", size: "1024x1024", quality: "low" })
      .then(() => null, (e: unknown) => e as { status?: number; code?: string });
    expect(err).toMatchObject({ status: 401, code: "invalid_api_key" });

    await send("PATCH", `keys/${created.id}`, { status: "active" });
    const again = await client.images.generate({ model: "gpt-image-2", prompt: "back", size: "1024x1024", quality: "low" });
    expect(again.data?.[0]?.b64_json).toBeTruthy();
  });
});
