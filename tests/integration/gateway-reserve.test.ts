import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db";
import { settleCall } from "@/lib/gateway/settle";
import { recordCall, type CallRecord } from "@/lib/ledger/record-call";
import { releaseLease } from "@/lib/limits/release";
import { reserveCall, type Admission, type ReserveInput } from "@/lib/limits/reserve";
import { releaseServiceSlot, serviceSlotsInUse } from "@/lib/limits/service-slots";
import { createTestDb, type TestDb } from "../helpers/db";
import { countersOf, leasesOf, makeKey } from "../helpers/gateway";

/**
 * The check-and-reserve transaction driven straight from many database connections at once,
 * with no HTTP server in between to spread the requests out: the widest race window there is.
 */
let t: TestDb;
let db: Db;
let end: () => Promise<void>;

beforeAll(async () => {
  t = await createTestDb();
  const wide = createDb(t.url, { max: 30 });
  db = wide.db;
  end = () => wide.client.end();
});
afterAll(async () => {
  await end?.();
  await t?.drop();
});

const NOW = new Date("2026-11-24T04:00:00Z");
let seq = 0;
const input = (key: { id: number; accountId: number }, extra: Partial<ReserveInput> = {}): ReserveInput => ({
  keyId: key.id,
  accountId: key.accountId,
  requestId: `req_test_${++seq}`,
  now: NOW,
  n: 1,
  costMicros: 80_000,
  leaseTtlS: 200,
  maxInflight: 10_000,
  ...extra,
});
const codes = (admissions: Admission[]) =>
  admissions.reduce<Record<string, number>>((acc, a) => {
    const k = a.ok ? "ok" : a.rejection.code;
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

describe("reserveCall under a burst on one key", () => {
  it("concurrency: 60 at once on a cap of 2 → exactly 2 leases", async () => {
    const { key } = await makeKey(t);
    const out = await Promise.all(Array.from({ length: 60 }, () => reserveCall(db, input(key, { n: 3 }))));
    expect(codes(out)).toEqual({ ok: 2, concurrency_exhausted: 58 });
    expect(await leasesOf(t, key.id)).toBe(2);
    expect(await countersOf(t, key.id)).toEqual([
      { day: "2026-11-24", images_used: 0, images_reserved: 6, cost_used: 0, cost_reserved: 160_000 },
    ]);
  });

  it("daily images: 60 at once against a cap of 10 → exactly 10 images reserved", async () => {
    const { key } = await makeKey(t, { concurrencyCap: 1000, dailyImageCap: 10 });
    const out = await Promise.all(Array.from({ length: 60 }, () => reserveCall(db, input(key))));
    expect(codes(out)).toEqual({ ok: 10, image_daily_limit: 50 });
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_reserved: 10 });
  });

  it("daily and total cost: reservations count against the limits before anything is billed", async () => {
    const daily = await makeKey(t, { concurrencyCap: 1000, dailyCostLimitMicros: 800_000 });
    const total = await makeKey(t, { concurrencyCap: 1000, totalCostLimitMicros: 400_000 });
    const [a, b] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, () => reserveCall(db, input(daily.key)))),
      Promise.all(Array.from({ length: 40 }, () => reserveCall(db, input(total.key)))),
    ]);
    expect(codes(a)).toEqual({ ok: 10, crs_daily_exhausted: 30 });
    expect(codes(b)).toEqual({ ok: 5, crs_total_exhausted: 35 });
  });

  it("the service-wide ceiling refuses what the key's own limits would admit", async () => {
    // Slots are given back by the request that took them; these tests never settle, so drain.
    while (serviceSlotsInUse() > 0) releaseServiceSlot();
    const { key } = await makeKey(t, { concurrencyCap: 1000 });
    const out = await Promise.all(Array.from({ length: 20 }, () => reserveCall(db, input(key, { maxInflight: 7 }))));
    expect(codes(out)).toEqual({ ok: 7, service_overloaded: 13 });
  });
});

describe("leases", () => {
  it("an expired lease is reclaimed by the next reservation and its images and cost go back to its day", async () => {
    const { key } = await makeKey(t, { concurrencyCap: 1 });
    const first = await reserveCall(db, input(key, { n: 4, costMicros: 844_000 }));
    expect(first.ok).toBe(true);
    expect((await reserveCall(db, input(key))).ok).toBe(false);
    // The process holding it died: its lease is past its expiry.
    await t.sql`update in_flight set expires_at = now() - interval '1 second' where key_id = ${key.id}`;
    const next = await reserveCall(db, input(key, { n: 2, costMicros: 160_000 }));
    expect(next.ok).toBe(true);
    expect(await countersOf(t, key.id)).toEqual([
      { day: "2026-11-24", images_used: 0, images_reserved: 2, cost_used: 0, cost_reserved: 160_000 },
    ]);

    // The dead call's lease is gone, so settling it late releases nothing a second time.
    if (!first.ok) throw new Error("unreachable");
    await settleCall(db, {
      requestId: first.lease.requestId, accountId: key.accountId, keyId: key.id, kind: "image", model: "gpt-image-2",
      createdAt: NOW, latencyMs: 1, n: 4, imagesDelivered: 4, httpStatus: 200, costMicros: 844_000,
    }, first.lease);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 4, images_reserved: 2, cost_reserved: 160_000 });
    if (!next.ok) throw new Error("unreachable");
    await releaseLease(db, next.lease);
    await releaseLease(db, next.lease);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 4, images_reserved: 0, cost_reserved: 0 });
    expect(await leasesOf(t, key.id)).toBe(0);
  });
});

describe("what a refusal reports and holds", () => {
  it("each limit refuses with its numbers, in the reference's order, and holds no slot, lease or reservation", async () => {
    while (serviceSlotsInUse() > 0) releaseServiceSlot();
    const { key } = await makeKey(t, { concurrencyCap: 1, dailyImageCap: 5, dailyCostLimitMicros: 10_000_000 });
    const first = await reserveCall(db, input(key, { n: 3 }));
    expect(first.ok).toBe(true);
    expect(serviceSlotsInUse()).toBe(1);

    // Concurrency is checked before the daily images (n: 4 would break both).
    const both = await reserveCall(db, input(key, { n: 4 }));
    expect(both).toEqual({ ok: false, rejection: { code: "concurrency_exhausted", cap: 1 } });
    await t.sql`update api_keys set concurrency_cap = 10 where id = ${key.id}`;
    const images = await reserveCall(db, input(key, { n: 3 }));
    expect(images).toEqual({
      ok: false,
      rejection: { code: "image_daily_limit", cap: 5, used: 3, n: 3, resetsAt: new Date("2026-11-24T16:00:00Z") },
    });
    // The service-wide ceiling comes last: a key limit wins over it, and neither leaves anything behind.
    const ceiling = await reserveCall(db, input(key, { n: 3, maxInflight: 1 }));
    expect(ceiling.ok ? "ok" : ceiling.rejection.code).toBe("image_daily_limit");
    const overloaded = await reserveCall(db, input(key, { n: 1, maxInflight: 1 }));
    expect(overloaded).toEqual({ ok: false, rejection: { code: "service_overloaded" } });
    expect(serviceSlotsInUse()).toBe(1);
    expect(await leasesOf(t, key.id)).toBe(1);
    expect(await countersOf(t, key.id)).toEqual([
      { day: "2026-11-24", images_used: 0, images_reserved: 3, cost_used: 0, cost_reserved: 80_000 },
    ]);
    while (serviceSlotsInUse() > 0) releaseServiceSlot();
  });

  it("temporary overrides, expiry and status are judged at the request's clock", async () => {
    const { key } = await makeKey(t, { concurrencyCap: 10, dailyImageCap: 100 });
    await t.sql`update api_keys set temp_daily_image_cap = 2, temp_daily_image_cap_until = '2026-11-24T05:00:00Z' where id = ${key.id}`;
    const during = await reserveCall(db, input(key, { n: 3 }));
    expect(during.ok ? "ok" : during.rejection).toMatchObject({ code: "image_daily_limit", cap: 2, used: 0, n: 3 });
    const after = await reserveCall(db, input(key, { n: 3, now: new Date("2026-11-24T05:00:00Z") }));
    expect(after.ok).toBe(true);

    await t.sql`update api_keys set expires_at = '2026-11-24T06:00:00Z' where id = ${key.id}`;
    expect((await reserveCall(db, input(key, { now: new Date("2026-11-24T05:59:59.999Z") }))).ok).toBe(true);
    expect(await reserveCall(db, input(key, { now: new Date("2026-11-24T06:00:00Z") }))).toEqual({
      ok: false,
      rejection: { code: "key_inactive", expired: true },
    });
    await t.sql`update api_keys set status = 'disabled', expires_at = null where id = ${key.id}`;
    expect(await reserveCall(db, input(key))).toEqual({ ok: false, rejection: { code: "key_inactive", expired: false } });
    expect(await leasesOf(t, key.id)).toBe(2);
    while (serviceSlotsInUse() > 0) releaseServiceSlot();
  });
});
