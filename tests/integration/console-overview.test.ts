import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "@/db/schema";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { consoleFetch, makeUser, okJson, type TestUser } from "../helpers/console";
import { createTestDb, type TestDb } from "../helpers/db";
import { TEST_AUTH_SECRET } from "../helpers/session";
import { buildUsageFixture, FIXTURE_NOW } from "../helpers/usage-fixture";

/** The service overview against the usage fixture, whose every total is known by hand. */
let t: TestDb;
let app: AppServer;
let support: TestUser;
let fx: Awaited<ReturnType<typeof buildUsageFixture>>;

beforeAll(async () => {
  t = await createTestDb();
  fx = await buildUsageFixture(t.db);
  app = await startAppServer(t.url, { TEST_CLOCK: "on", NEXTAUTH_SECRET: TEST_AUTH_SECRET });
  support = await makeUser(t, "support");
});
afterAll(async () => {
  await app?.stop();
  await t?.drop();
});

/** The per-account rollup against the raw ledger, row for row. */
async function expectAccountRollupMatchesLedger() {
  const fromRollup = await t.sql`select day::text, account_id::int, kind::text, error_code, calls, images, cost_micros::bigint::text as cost
    from usage_daily_account order by 1, 2, 3, 4`;
  const fromLedger = await t.sql`select billing_day::text as day, account_id::int, kind::text, coalesce(error_code, '') as error_code,
      count(*)::int as calls, sum(images_delivered)::int as images, sum(cost_micros)::bigint::text as cost
    from calls group by 1, 2, 3, 4 order by 1, 2, 3, 4`;
  expect(fromRollup.length).toBeGreaterThan(0);
  expect(fromRollup).toEqual(fromLedger);
}

describe("per-account rollup", () => {
  it("recordCall and the bulk writer keep it equal to the ledger", async () => {
    await expectAccountRollupMatchesLedger();
    const { insertCallsBulk } = await import("@/lib/ledger/bulk-insert");
    const k = fx.keyB.key;
    await insertCallsBulk(t.db, [
      { requestId: "bulk1", accountId: k.accountId, keyId: k.id, kind: "chat", model: "m", createdAt: new Date("2026-11-22T01:00:00Z"), latencyMs: 5, imagesDelivered: 0, httpStatus: 200, costMicros: 700 },
      { requestId: "bulk2", accountId: k.accountId, keyId: k.id, kind: "chat", model: "m", createdAt: new Date("2026-11-22T02:00:00Z"), latencyMs: 5, imagesDelivered: 0, httpStatus: 503, errorCode: "service_overloaded", costMicros: 0 },
    ]);
    await expectAccountRollupMatchesLedger();
  });
});

describe("service overview", () => {
  it("per-day totals, top accounts and keys, errors by code apart by group, keys near a limit", async () => {
    // Key C: 4 images today against a cap of 5 is 80%.
    await t.db.update(apiKeys).set({ dailyImageCap: 5 }).where(eq(apiKeys.id, fx.keyC.key.id));
    const o = await okJson<Record<string, unknown>>(
      await consoleFetch(app.baseUrl, "/qcode-img/api/admin/overview?from=2026-11-23&to=2026-11-24", { cookie: support.cookie, now: FIXTURE_NOW }),
    );
    expect(o.days).toEqual([
      { day: "2026-11-23", calls: 2, images: 1, costMicros: 165_000, imageCostMicros: 165_000, chatCostMicros: 0, failedCalls: 1 },
      { day: "2026-11-24", calls: 6, images: 8, costMicros: 1_441_000, imageCostMicros: 1_426_000, chatCostMicros: 15_000, failedCalls: 1 },
    ]);
    const a = fx.keyA.key;
    const c = fx.keyC.key;
    const b = fx.keyB.key;
    expect(o.topAccounts).toEqual({
      bySpend: [
        { id: c.accountId, accountId: c.accountId, label: "Other Co", accountName: "Other Co", calls: 1, images: 4, costMicros: 844_000 },
        { id: a.accountId, accountId: a.accountId, label: "Fixture Co", accountName: "Fixture Co", calls: 7, images: 5, costMicros: 762_000 },
      ],
      byImages: [
        { id: a.accountId, accountId: a.accountId, label: "Fixture Co", accountName: "Fixture Co", calls: 7, images: 5, costMicros: 762_000 },
        { id: c.accountId, accountId: c.accountId, label: "Other Co", accountName: "Other Co", calls: 1, images: 4, costMicros: 844_000 },
      ],
    });
    const keys = o.topKeys as { bySpend: { id: number; costMicros: number; images: number; label: string }[] };
    expect(keys.bySpend.map((k) => [k.id, k.costMicros, k.images, k.label])).toEqual([
      [c.id, 844_000, 4, `prod (${c.display})`],
      [a.id, 682_000, 4, `prod (${a.display})`],
      [b.id, 80_000, 1, `staging (${b.display})`],
    ]);
    expect(o.errorsByCode).toEqual({
      days: ["2026-11-23", "2026-11-24"],
      codes: [
        { code: "image_daily_limit", group: "limits", counts: [0, 1], total: 1 },
        { code: "image_provider_unavailable", group: "service", counts: [1, 0], total: 1 },
      ],
    });
    expect(o.nearLimit).toEqual([
      { keyId: c.id, accountId: c.accountId, accountName: "Other Co", label: `prod (${c.display})`, limit: "daily_images", used: 4, cap: 5, ratio: 0.8 },
    ]);
    expect(o.pendingRequests).toEqual([]);
  });

  it("range checks: from after to, more than 400 days, bad day → 400 naming the field", async () => {
    const get = (q: string) => consoleFetch(app.baseUrl, `/qcode-img/api/admin/overview?${q}`, { cookie: support.cookie, now: FIXTURE_NOW });
    for (const [q, param] of [
      ["from=2026-11-25&to=2026-11-24", "from"],
      ["from=2025-01-01&to=2026-11-24", "from"],
      ["from=2026-13-01", "from"],
      ["to=yesterday", "to"],
    ] as const) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param, q).toBe(param);
    }
  });
});
