import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, apiKeys, limitChanges, limitRequests } from "@/db/schema";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { consoleFetch, expectApiError, makeUser, okJson, type TestUser } from "../helpers/console";
import { createTestDb, type TestDb } from "../helpers/db";
import { callsOf, makeKey, openai } from "../helpers/gateway";
import { TEST_AUTH_SECRET } from "../helpers/session";

let t: TestDb;
let app: AppServer;
let support: TestUser;
let admin: TestUser;
let customer: TestUser;
let key: Awaited<ReturnType<typeof makeKey>>["key"];
let rawKey: string;

const NOW = "2026-11-24T04:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

beforeAll(async () => {
  t = await createTestDb();
  app = await startAppServer(t.url, { TEST_CLOCK: "on", NEXTAUTH_SECRET: TEST_AUTH_SECRET, MAX_KEY_CONCURRENCY: "16" });
  ({ key, rawKey } = await makeKey(t, { accountName: "Lantern Works", alias: "render-farm", dailyImageCap: 10 }));
  support = await makeUser(t, "support");
  admin = await makeUser(t, "admin");
  customer = await makeUser(t, "customer", key.accountId);
});
afterAll(async () => {
  await app?.stop();
  await t?.drop();
});

const api = (path: string, opts: Parameters<typeof consoleFetch>[2] = {}) =>
  consoleFetch(app.baseUrl, `/qcode-img/api/admin${path}`, { now: NOW, ...opts });

describe("authorization", () => {
  const staffGets = ["/search?q=ab", "/overview", `/accounts/1`, `/keys/1`, "/keys/1/overview", "/keys/1/calls", "/limit-requests", "/audit", "/audit.csv", "/price-book"];
  const staffPosts = ["/keys/1/limits", "/keys/1/status", "/limit-requests/1/approve", "/limit-requests/1/deny", "/accounts/1/keys"];
  const adminOnly: [string, string][] = [["GET", "/users"], ["POST", "/users"], ["POST", "/price-book"], ["POST", "/accounts"]];

  it("no session → 401 on every console API", async () => {
    for (const p of staffGets) await expectApiError(await api(p), 401, "unauthenticated");
    for (const p of [...staffPosts, ...adminOnly.map(([, p]) => p)]) await expectApiError(await api(p, { body: {} }), 401, "unauthenticated");
  });

  it("a customer → 403 on every console API", async () => {
    for (const p of staffGets) await expectApiError(await api(p, { cookie: customer.cookie }), 403, "forbidden");
    for (const p of [...staffPosts, ...adminOnly.map(([, p]) => p)]) {
      await expectApiError(await api(p, { cookie: customer.cookie, body: {} }), 403, "forbidden");
    }
  });

  it("support → 403 on staff management and price-book publishing; admin passes the role check", async () => {
    for (const [method, p] of adminOnly) {
      await expectApiError(await api(p, { cookie: support.cookie, method, body: method === "POST" ? {} : undefined }), 403, "forbidden");
      const res = await api(p, { cookie: admin.cookie, method, body: method === "POST" ? {} : undefined });
      expect([200, 400]).toContain(res.status);
    }
  });

  it("a cross-site POST with a staff cookie → 403 and nothing changes", async () => {
    const res = await api(`/keys/${key.id}/limits`, {
      cookie: support.cookie,
      body: { dailyImageCap: 99, reason: "x" },
      headers: { origin: "https://evil.example" },
    });
    await expectApiError(res, 403, "cross_site_request");
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.dailyImageCap).toBe(10);
  });

  it("staff pages: no session → sign-in, customer → 403, support on admin-only pages → 403", async () => {
    const pages = ["/qcode-img/admin", `/qcode-img/admin/accounts/${key.accountId}`, `/qcode-img/admin/keys/${key.id}`, "/qcode-img/admin/limit-requests", "/qcode-img/admin/audit", "/qcode-img/admin/price-book", "/qcode-img/admin/users"];
    for (const p of pages) {
      const anon = await fetch(`${app.baseUrl}${p}`, { redirect: "manual" });
      expect(anon.status, p).toBeGreaterThanOrEqual(300);
      expect(anon.status, p).toBeLessThan(400);
      expect(anon.headers.get("location"), p).toContain("/qcode-img/signin?callbackUrl=");
      const asCustomer = await fetch(`${app.baseUrl}${p}`, { headers: { cookie: customer.cookie }, redirect: "manual" });
      expect(asCustomer.status, p).toBe(403);
      const asSupport = await fetch(`${app.baseUrl}${p}`, { headers: { cookie: support.cookie }, redirect: "manual" });
      expect(asSupport.status, p).toBe(p.endsWith("/users") ? 403 : 200);
    }
    const asAdmin = await fetch(`${app.baseUrl}/qcode-img/admin/users`, { headers: { cookie: admin.cookie }, redirect: "manual" });
    expect(asAdmin.status).toBe(200);
  });
});

describe("validation: 400 naming the field, nothing changed", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ dailyImageCap: -1, reason: "r" }, "dailyImageCap"],
    [{ dailyImageCap: 1.5, reason: "r" }, "dailyImageCap"],
    [{ concurrencyCap: 17, reason: "r" }, "concurrencyCap"],
    [{ dailyCostLimitMicros: -5, reason: "r" }, "dailyCostLimitMicros"],
    [{ totalCostLimitMicros: 0.5, reason: "r" }, "totalCostLimitMicros"],
    [{ expiresAt: at(-1), reason: "r" }, "expiresAt"],
    [{ dailyImageCap: 20, until: at(-1), reason: "r" }, "until"],
    [{ dailyImageCap: 20, reason: "   " }, "reason"],
    [{ dailyImageCap: 20 }, "reason"],
  ];
  it.each(cases)("%j → 400 on %s", async (body, param) => {
    const err = await expectApiError(await api(`/keys/${key.id}/limits`, { cookie: support.cookie, body }), 400, "invalid_request_error", param);
    expect(err.message).toContain(param);
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row).toMatchObject({ dailyImageCap: 10, concurrencyCap: 2, dailyCostLimitMicros: null, tempDailyImageCap: null, expiresAt: null });
    expect(await t.db.select().from(limitChanges).where(eq(limitChanges.keyId, key.id))).toEqual([]);
  });
  it("status needs a known status and a reason", async () => {
    await expectApiError(await api(`/keys/${key.id}/status`, { cookie: support.cookie, body: { status: "paused", reason: "r" } }), 400, "invalid_request_error", "status");
    await expectApiError(await api(`/keys/${key.id}/status`, { cookie: support.cookie, body: { status: "disabled", reason: "" } }), 400, "invalid_request_error", "reason");
  });
  it("an unknown key is 404", async () => {
    await expectApiError(await api(`/keys/999999/limits`, { cookie: support.cookie, body: { dailyImageCap: 1, reason: "r" } }), 404, "not_found");
    await expectApiError(await api(`/keys/abc`, { cookie: support.cookie }), 404, "not_found");
  });
});

describe("limit requests", () => {
  async function request(field: string, value: string, minutesAgo: number) {
    const [r] = await t.db
      .insert(limitRequests)
      .values({ accountId: key.accountId, keyId: key.id, requestedBy: customer.id, field, requestedValue: value, reason: "launch week", createdAt: new Date(Date.parse(NOW) - minutesAgo * 60_000) })
      .returning();
    return r!;
  }

  it("pending ones are listed oldest first, in the overview too", async () => {
    const newer = await request("dailyImageCap", "50", 5);
    const older = await request("concurrencyCap", "4", 50);
    const list = await okJson<{ requests: { id: number; status: string }[] }>(await api("/limit-requests?status=pending", { cookie: support.cookie }));
    expect(list.requests.map((r) => r.id)).toEqual([older.id, newer.id]);
    const overview = await okJson<{ pendingRequests: { id: number }[] }>(await api("/overview", { cookie: support.cookie }));
    expect(overview.pendingRequests.map((r) => r.id)).toEqual([older.id, newer.id]);

    // Approve the daily cap temporarily, deny the concurrency.
    const approved = await okJson<{ status: string; note: string; until: string }>(
      await api(`/limit-requests/${newer.id}/approve`, { cookie: support.cookie, body: { note: "Approved for launch week", until: at(60 * 24) } }),
    );
    expect(approved).toMatchObject({ status: "approved", note: "Approved for launch week", until: at(60 * 24) });
    const denied = await okJson<{ status: string; note: string }>(
      await api(`/limit-requests/${older.id}/deny`, { cookie: support.cookie, body: { note: "Concurrency stays at 2 on this plan" } }),
    );
    expect(denied).toMatchObject({ status: "denied", note: "Concurrency stays at 2 on this plan" });

    // Decided once only; a note is required.
    await expectApiError(await api(`/limit-requests/${older.id}/approve`, { cookie: support.cookie, body: { note: "again" } }), 409, "already_decided");
    const third = await request("dailyImageCap", "20", 1);
    await expectApiError(await api(`/limit-requests/${third.id}/deny`, { cookie: support.cookie, body: { note: " " } }), 400, "invalid_request_error", "note");

    const rows = await t.db.select().from(limitRequests).where(eq(limitRequests.keyId, key.id)).orderBy(limitRequests.id);
    expect(rows.map((r) => [r.field, r.status, r.decisionNote, r.decidedBy])).toEqual([
      ["dailyImageCap", "approved", "Approved for launch week", support.id],
      ["concurrencyCap", "denied", "Concurrency stays at 2 on this plan", support.id],
      ["dailyImageCap", "pending", null, null],
    ]);
    // The customer's own list says what support decided, with the note, as the dashboard shows it.
    const mine = await okJson<{ requests: { id: number; keyId: number; field: string; value: number; status: string; note: string | null; decidedAt: string | null }[] }>(
      await consoleFetch(app.baseUrl, "/qcode-img/api/account/limit-requests", { cookie: customer.cookie, now: NOW }),
    );
    const byId = new Map(mine.requests.map((r) => [r.id, r]));
    expect(byId.get(newer.id)).toMatchObject({ keyId: key.id, field: "dailyImageCap", value: 50, status: "approved", note: "Approved for launch week", decidedAt: NOW });
    expect(byId.get(older.id)).toMatchObject({ keyId: key.id, field: "concurrencyCap", value: 4, status: "denied", note: "Concurrency stays at 2 on this plan", decidedAt: NOW });
    expect(byId.get(third.id)).toMatchObject({ status: "pending", note: null, decidedAt: null });
    const view = await okJson<{ inForce: { dailyImageCap: unknown; concurrencyCap: unknown }; stored: { dailyImageCap: number } }>(
      await api(`/keys/${key.id}`, { cookie: support.cookie }),
    );
    expect(view.inForce.dailyImageCap).toEqual({ value: 50, until: at(60 * 24) });
    expect(view.inForce.concurrencyCap).toEqual({ value: 2, until: null });
    expect(view.stored.dailyImageCap).toBe(10);

    const audit = await okJson<{ rows: Record<string, unknown>[] }>(await api(`/audit?keyId=${key.id}`, { cookie: support.cookie }));
    expect(audit.rows).toEqual([
      {
        id: expect.any(Number),
        at: NOW,
        actor: support.email,
        accountId: key.accountId,
        keyId: key.id,
        field: "dailyImageCap",
        before: "10",
        after: "50",
        until: at(60 * 24),
        reason: `Limit request #${newer.id}: launch week`,
        requestId: newer.id,
      },
    ]);
    const csv = await api(`/audit.csv?accountId=${key.accountId}`, { cookie: support.cookie });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("id,at,actor,accountId,keyId,field,before,after,until,reason,requestId");
    expect(lines[1]).toBe(
      `${audit.rows[0]!.id},${NOW},${support.email},${key.accountId},${key.id},dailyImageCap,10,50,${at(60 * 24)},Limit request #${newer.id}: launch week,${newer.id}`,
    );
  });
});

describe("price book versions", () => {
  const entries = (high: number) =>
    ["1024x1024", "1024x1536", "1536x1024", "2048x2048"].flatMap((size) =>
      ["low", "medium", "high"].map((quality) => ({ size, quality, unitPriceMicros: quality === "high" ? high : 10_000 })),
    );

  it("validated: future instant, floor set, every allowed size × quality priced", async () => {
    const publish = (body: unknown) => api("/price-book", { cookie: admin.cookie, body });
    await expectApiError(await publish({ effectiveFrom: at(-5), floorMicros: 100_000, entries: entries(300_000) }), 400, "invalid_request_error", "effectiveFrom");
    await expectApiError(await publish({ effectiveFrom: at(60), floorMicros: 0, entries: entries(300_000) }), 400, "invalid_request_error", "floorMicros");
    await expectApiError(await publish({ effectiveFrom: at(60), floorMicros: 100_000, entries: entries(300_000).slice(1) }), 400, "invalid_request_error", "entries");
    await expectApiError(
      await publish({ effectiveFrom: at(60), floorMicros: 100_000, entries: [...entries(300_000), { size: "1024x1024", quality: "low", unitPriceMicros: 1 }] }),
      400,
      "invalid_request_error",
      "entries.12",
    );
    const versions = await okJson<{ versions: { version: number }[] }>(await api("/price-book", { cookie: support.cookie }));
    expect(versions.versions.map((v) => v.version)).toEqual([1]);
  });

  it("calls before the effective instant keep version 1, calls after are priced by version 2", async () => {
    const { key: k, rawKey: raw } = await makeKey(t, { dailyImageCap: 100 });
    const gen = (now: string, quality: "high" | "low") =>
      openai(app.baseUrl, raw, now).images.generate({ model: "gpt-image-2", prompt: "p", size: "1024x1024", quality });
    await gen(NOW, "high"); // warms this process's price-book cache with version 1 only
    const published = await okJson<{ version: number; effectiveFrom: string }>(
      await api("/price-book", { cookie: admin.cookie, body: { effectiveFrom: at(60), floorMicros: 100_000, entries: entries(300_000) } }),
      201,
    );
    expect(published).toEqual({ version: 2, effectiveFrom: at(60) });
    await gen(at(59), "high");
    await gen(at(61), "high");
    await gen(at(62), "low");
    const rows = await callsOf(t, k.id);
    expect(rows.map((r) => [r.price_version, r.cost_micros])).toEqual([
      [1, "211000"],
      [1, "211000"],
      [2, "300000"],
      [2, "100000"],
    ]);
    const list = await okJson<{ versions: { version: number; effectiveFrom: string; floorMicros: number; entries: unknown[] }[] }>(
      await api("/price-book", { cookie: support.cookie }),
    );
    expect(list.versions.map((v) => [v.version, v.effectiveFrom, v.floorMicros, v.entries.length])).toEqual([
      [2, at(60), 100_000, 12],
      [1, "2026-04-01T00:00:00.000Z", 80_000, 12],
    ]);
  });
});

describe("search, accounts, keys, users", () => {
  it("finds a key by its last 4 characters, alias, display form; an account by name; a user by email; a call by request id", async () => {
    const last4 = key.display.slice(-4);
    const s = async (q: string) =>
      (await okJson<{ results: { kind: string; id: number | string; matched: string }[] }>(await api(`/search?q=${encodeURIComponent(q)}`, { cookie: support.cookie }))).results;
    expect(await s(last4)).toContainEqual(expect.objectContaining({ kind: "key", id: key.id, matched: "key last 4" }));
    expect(await s("render-f")).toContainEqual(expect.objectContaining({ kind: "key", id: key.id, matched: "key alias" }));
    expect(await s(key.display)).toContainEqual(expect.objectContaining({ kind: "key", id: key.id, matched: "key display form" }));
    expect(await s(rawKey)).toContainEqual(expect.objectContaining({ kind: "key", id: key.id, matched: "whole key" }));
    expect(await s("lantern")).toContainEqual(expect.objectContaining({ kind: "account", id: key.accountId, matched: "account name" }));
    expect(await s(customer.email.slice(0, 12))).toContainEqual(expect.objectContaining({ kind: "user", id: customer.id, matched: "email" }));
    const res = await openai(app.baseUrl, rawKey, NOW).images.generate({ model: "gpt-image-2", prompt: "p", size: "1024x1024", quality: "low" }).withResponse();
    const requestId = res.response.headers.get("x-request-id")!;
    expect(await s(requestId)).toEqual([expect.objectContaining({ kind: "call", id: requestId, matched: "request id" })]);
    expect(await s("%")).toEqual([]);
  });

  it("admin creates an account, a key for it (raw key once) and a user; support creates keys too", async () => {
    const acct = await okJson<{ id: number; name: string; currency: string }>(
      await api("/accounts", { cookie: admin.cookie, body: { name: "Paper Cranes", currency: "CNY" } }),
      201,
    );
    expect(acct).toMatchObject({ name: "Paper Cranes", currency: "CNY" });
    await expectApiError(await api("/accounts", { cookie: admin.cookie, body: { name: "Paper Cranes" } }), 409, "name_taken", "name");
    await expectApiError(await api("/accounts", { cookie: admin.cookie, body: { name: "X", currency: "EUR" } }), 400, "invalid_request_error", "currency");
    const created = await okJson<{ id: number; key: string; display: string }>(
      await api(`/accounts/${acct.id}/keys`, { cookie: support.cookie, body: { alias: "ci" } }),
      201,
    );
    expect(created.key).toMatch(/^cr_[0-9A-Za-z]{40}$/);
    expect(created.display).toBe(`cr_${created.key.slice(3, 7)}…${created.key.slice(-4)}`);
    const works = await openai(app.baseUrl, created.key, NOW).images.generate({ model: "gpt-image-2", prompt: "p", size: "1024x1024", quality: "low" });
    expect(works.data).toHaveLength(1);
    await expectApiError(await api(`/accounts/${acct.id}/keys`, { cookie: support.cookie, body: { alias: "" } }), 400, "invalid_request_error", "alias");

    const user = await okJson<{ id: number; role: string; accountId: number }>(
      await api("/users", { cookie: admin.cookie, body: { email: "Ops@Cranes.test", name: "Ops", role: "customer", accountId: acct.id, password: "correct horse battery" } }),
      201,
    );
    expect(user).toMatchObject({ role: "customer", accountId: acct.id });
    await expectApiError(await api("/users", { cookie: admin.cookie, body: { email: "s@x.test", role: "support", accountId: acct.id, password: "correct horse battery" } }), 400, "invalid_request_error", "accountId");
    await expectApiError(await api("/users", { cookie: admin.cookie, body: { email: "ops@cranes.test", role: "customer", accountId: acct.id, password: "correct horse battery" } }), 409, "email_taken", "email");
    const list = await okJson<{ users: { email: string }[] }>(await api("/users", { cookie: admin.cookie }));
    expect(list.users.map((u) => u.email)).toContain("ops@cranes.test");

    const account = await okJson<{ name: string; keys: { id: number; alias: string }[]; users: { email: string }[]; spendByMonth: { month: string; costMicros: number }[] }>(
      await api(`/accounts/${acct.id}`, { cookie: support.cookie }),
    );
    expect(account.keys.map((k) => [k.id, k.alias])).toEqual([[created.id, "ci"]]);
    expect(account.users.map((u) => u.email)).toEqual(["ops@cranes.test"]);
    expect(account.spendByMonth).toEqual([{ month: "2026-11", calls: 1, images: 1, imageCostMicros: 80_000, chatCostMicros: 0, costMicros: 80_000, priceBookVersions: [1] }]);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, acct.id));
    expect(row!.currency).toBe("CNY");
  });

  it("the key's usage endpoints for staff serve the shared usage view", async () => {
    const o = await okJson<{ key: { display: string }; today: { day: string } }>(await api(`/keys/${key.id}/overview`, { cookie: support.cookie }));
    expect(o.key.display).toBe(key.display);
    expect(o.today.day).toBe("2026-11-24");
    const calls = await okJson<{ calls: unknown[] }>(await api(`/keys/${key.id}/calls`, { cookie: support.cookie }));
    expect(calls.calls.length).toBeGreaterThan(0);
    const csv = await api(`/keys/${key.id}/export.csv`, { cookie: support.cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
  });
});
