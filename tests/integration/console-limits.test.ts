import { APIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitChanges } from "@/db/schema";
import { eq } from "drizzle-orm";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { consoleFetch, makeUser, okJson, type TestUser } from "../helpers/console";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeKey, openai } from "../helpers/gateway";
import { TEST_AUTH_SECRET } from "../helpers/session";

/**
 * The rules the console's changes must keep at the gateway: a new limit applies to the very next
 * call on every process, a temporary raise ends at its own instant, and disabling or enabling a
 * key reaches a second gateway process within a second (LISTEN/NOTIFY, not the cache's TTL).
 */
let t: TestDb;
let app: AppServer;
let app2: AppServer;
let support: TestUser;

const env = { TEST_CLOCK: "on", NEXTAUTH_SECRET: TEST_AUTH_SECRET };
beforeAll(async () => {
  t = await createTestDb();
  [app, app2] = await Promise.all([startAppServer(t.url, env), startAppServer(t.url, env)]);
  support = await makeUser(t, "support");
});
afterAll(async () => {
  await Promise.all([app?.stop(), app2?.stop()]);
  await t?.drop();
});

/** 2026-11-24 12:00 Beijing. */
const NOW = "2026-11-24T04:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

async function generate(baseUrl: string, rawKey: string, now = NOW) {
  try {
    await openai(baseUrl, rawKey, now).images.generate({ model: "gpt-image-2", prompt: "a lantern", size: "1024x1024", quality: "low" });
    return "ok";
  } catch (err) {
    if (err instanceof APIError) return String(err.code);
    throw err;
  }
}

function setLimits(keyId: number, body: Record<string, unknown>, now = NOW, baseUrl = app.baseUrl) {
  return consoleFetch(baseUrl, `/qcode-img/api/admin/keys/${keyId}/limits`, { cookie: support.cookie, now, body });
}

describe("limits at the gateway", () => {
  it("a key stopped at its daily cap, raised by one, succeeds on the next request (on the other process too)", async () => {
    const { key, rawKey } = await makeKey(t, { dailyImageCap: 1 });
    expect(await generate(app.baseUrl, rawKey)).toBe("ok");
    expect(await generate(app2.baseUrl, rawKey)).toBe("image_daily_limit");
    const view = await okJson<{ inForce: { dailyImageCap: { value: number } }; today: { images: number } }>(
      await setLimits(key.id, { dailyImageCap: 2, reason: "customer launch" }),
    );
    expect(view.inForce.dailyImageCap.value).toBe(2);
    expect(view.today.images).toBe(1);
    expect(await generate(app2.baseUrl, rawKey)).toBe("ok");
    expect(await generate(app.baseUrl, rawKey)).toBe("image_daily_limit");
    const audit = await t.db.select().from(limitChanges).where(eq(limitChanges.keyId, key.id));
    expect(audit).toMatchObject([
      { field: "dailyImageCap", oldValue: "1", newValue: "2", reason: "customer launch", actorUserId: support.id, actorLabel: support.email, temporaryUntil: null },
    ]);
  });

  it("a cap lowered below today's usage stops the next call", async () => {
    const { key, rawKey } = await makeKey(t, { dailyImageCap: 10 });
    expect(await generate(app.baseUrl, rawKey)).toBe("ok");
    expect(await generate(app.baseUrl, rawKey)).toBe("ok");
    await okJson(await setLimits(key.id, { dailyImageCap: 1, reason: "abuse report" }));
    expect(await generate(app.baseUrl, rawKey)).toBe("image_daily_limit");
    expect(await generate(app2.baseUrl, rawKey)).toBe("image_daily_limit");
  });

  it("a temporary raise applies until its instant, then the permanent cap again, with no job", async () => {
    const { key, rawKey } = await makeKey(t, { dailyImageCap: 1 });
    expect(await generate(app.baseUrl, rawKey)).toBe("ok");
    const view = await okJson<{ inForce: { dailyImageCap: { value: number; until: string } }; stored: { dailyImageCap: number } }>(
      await setLimits(key.id, { dailyImageCap: 3, until: at(30), reason: "demo day" }),
    );
    expect(view.inForce.dailyImageCap).toEqual({ value: 3, until: at(30) });
    expect(view.stored.dailyImageCap).toBe(1);
    expect(await generate(app.baseUrl, rawKey, at(10))).toBe("ok");
    // 30 minutes on, same Beijing day: the raise has ended by itself, 2 images already used against a cap of 1.
    expect(await generate(app.baseUrl, rawKey, at(30))).toBe("image_daily_limit");
    const after = await okJson<{ inForce: { dailyImageCap: { value: number; until: null } } }>(
      await consoleFetch(app.baseUrl, `/qcode-img/api/admin/keys/${key.id}`, { cookie: support.cookie, now: at(31) }),
    );
    expect(after.inForce.dailyImageCap).toEqual({ value: 1, until: null });
  });

  it("two temporary raises on different fields with different ends do not disturb each other", async () => {
    const { key, rawKey } = await makeKey(t, { dailyImageCap: 1, dailyCostLimitMicros: 80_000 });
    expect(await generate(app.baseUrl, rawKey)).toBe("ok");
    await okJson(await setLimits(key.id, { dailyImageCap: 5, until: at(60), reason: "batch job" }));
    await okJson(await setLimits(key.id, { dailyCostLimitMicros: 400_000, until: at(20), reason: "batch job budget" }));
    // Both raised: a second image fits the cap (5) and the cost limit ($0.40).
    expect(await generate(app.baseUrl, rawKey, at(5))).toBe("ok");
    // After 20 min the cost raise has ended ($0.16 spent > $0.08) while the image raise still holds.
    expect(await generate(app.baseUrl, rawKey, at(25))).toBe("crs_daily_exhausted");
    const mid = await okJson<{ inForce: Record<string, { value: number | null; until: string | null }> }>(
      await consoleFetch(app.baseUrl, `/qcode-img/api/admin/keys/${key.id}`, { cookie: support.cookie, now: at(25) }),
    );
    expect(mid.inForce.dailyImageCap).toEqual({ value: 5, until: at(60) });
    expect(mid.inForce.dailyCostLimitMicros).toEqual({ value: 80_000, until: null });
    // Raising the cost again (permanently) leaves the image raise and its end alone.
    await okJson(await setLimits(key.id, { dailyCostLimitMicros: 1_000_000, reason: "budget approved" }, at(26)));
    expect(await generate(app.baseUrl, rawKey, at(27))).toBe("ok");
    expect(await generate(app.baseUrl, rawKey, at(61))).toBe("image_daily_limit");
  });

  it("enabling and disabling reach a second gateway process within a second", async () => {
    // Created disabled: the second process caches the key as disabled on its first call, so only
    // the notification (not the reservation's fresh read, nor the 5 s TTL) can let it through.
    const { key, rawKey } = await makeKey(t, { status: "disabled" });
    expect(await generate(app2.baseUrl, rawKey)).toBe("invalid_api_key");
    const status = (body: { status: string; reason: string }) =>
      consoleFetch(app.baseUrl, `/qcode-img/api/admin/keys/${key.id}/status`, { cookie: support.cookie, body });

    expect((await okJson<{ status: string }>(await status({ status: "active", reason: "customer verified" }))).status).toBe("active");
    const t0 = Date.now();
    await expectWithin(1000, async () => expect(await generate(app2.baseUrl, rawKey)).toBe("ok"));
    expect(Date.now() - t0).toBeLessThan(1000);

    expect((await okJson<{ status: string }>(await status({ status: "disabled", reason: "leaked on GitHub" }))).status).toBe("disabled");
    const t1 = Date.now();
    await expectWithin(1000, async () => expect(await generate(app2.baseUrl, rawKey)).toBe("invalid_api_key"));
    expect(Date.now() - t1).toBeLessThan(1000);

    // Each process holds its own LISTEN connection (without one it would not cache keys at all).
    const listeners = await t.sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and query ilike 'listen%imgledger_%'`;
    expect(listeners[0]!.n).toBe(2);

    const audit = await t.db.select().from(limitChanges).where(eq(limitChanges.keyId, key.id)).orderBy(limitChanges.id);
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue, a.reason])).toEqual([
      ["status", "disabled", "active", "customer verified"],
      ["status", "active", "disabled", "leaked on GitHub"],
    ]);
  });

  it("a customer's own disable is in the key's audit trail, and their enable reaches a second process within a second", async () => {
    const { key, rawKey } = await makeKey(t);
    const owner = await makeUser(t, "customer", key.accountId);
    const patch = (body: Record<string, unknown>) =>
      consoleFetch(app.baseUrl, `/qcode-img/api/account/keys/${key.id}`, { method: "PATCH", cookie: owner.cookie, body });
    // The second process caches the key as active on this call.
    expect(await generate(app2.baseUrl, rawKey)).toBe("ok");

    expect((await okJson<{ status: string }>(await patch({ status: "disabled" }))).status).toBe("disabled");
    const t0 = Date.now();
    await expectWithin(1000, async () => expect(await generate(app2.baseUrl, rawKey)).toBe("invalid_api_key"));
    expect(Date.now() - t0).toBeLessThan(1000);

    const trail = await okJson<{ rows: { actor: string; field: string; before: string; after: string; reason: string }[] }>(
      await consoleFetch(app.baseUrl, `/qcode-img/api/admin/audit?keyId=${key.id}`, { cookie: support.cookie }),
    );
    expect(trail.rows.map((r) => [r.actor, r.field, r.before, r.after, r.reason])).toEqual([
      [owner.email, "status", "active", "disabled", "Disabled by the account owner"],
    ]);

    // Cached as disabled on the second process now: only the notification can let the next call through.
    expect((await okJson<{ status: string }>(await patch({ status: "active" }))).status).toBe("active");
    const t1 = Date.now();
    await expectWithin(1000, async () => expect(await generate(app2.baseUrl, rawKey)).toBe("ok"));
    expect(Date.now() - t1).toBeLessThan(1000);

    const audit = await t.db.select().from(limitChanges).where(eq(limitChanges.keyId, key.id)).orderBy(limitChanges.id);
    expect(audit.map((a) => [a.actorUserId, a.actorLabel, a.field, a.oldValue, a.newValue, a.reason])).toEqual([
      [owner.id, owner.email, "status", "active", "disabled", "Disabled by the account owner"],
      [owner.id, owner.email, "status", "disabled", "active", "Enabled by the account owner"],
    ]);
  });

  it("a customer cannot change another account's key, and nothing is audited", async () => {
    const { key } = await makeKey(t);
    const { key: other } = await makeKey(t);
    const stranger = await makeUser(t, "customer", other.accountId);
    expect(key.accountId).not.toBe(other.accountId);
    const res = await consoleFetch(app.baseUrl, `/qcode-img/api/account/keys/${key.id}`, { method: "PATCH", cookie: stranger.cookie, body: { status: "disabled" } });
    expect(res.status).toBe(404);
    expect(await t.db.select().from(limitChanges).where(eq(limitChanges.keyId, key.id))).toEqual([]);
  });
});

async function expectWithin(ms: number, check: () => Promise<void>) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
