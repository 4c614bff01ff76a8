import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "@/lib/keys/create-key";
import { recordCall, type CallRecord } from "@/lib/ledger/record-call";
import { getBreakdown } from "@/lib/usage/breakdown";
import { listCalls } from "@/lib/usage/calls";
import { streamCallsCsv } from "@/lib/usage/csv";
import { getDailySeries } from "@/lib/usage/daily";
import { getErrorSeries } from "@/lib/usage/errors";
import type { UsageScope } from "@/lib/usage/scope";
import { getSummary } from "@/lib/usage/summary";
import { createTestDb, type TestDb } from "../helpers/db";

/**
 * Tenant scope of every read model: a key id of another account, paired with this account,
 * matches nothing (the same answer as a key of this account that never made a call).
 */
let t: TestDb;
let a: { accountId: number; used: number; idle: number };
let b: { accountId: number; keyId: number };

const RANGE = { from: "2026-11-20", to: "2026-11-24" };
const FILTERS = { from: RANGE.from, to: RANGE.to };

function call(accountId: number, keyId: number, i: number, over: Partial<CallRecord> = {}): CallRecord {
  return {
    requestId: `r_${keyId}_${i}`,
    accountId,
    keyId,
    kind: "image",
    model: "gpt-image-2",
    createdAt: new Date(Date.parse("2026-11-23T04:00:00Z") + i * 60_000),
    latencyMs: 30_000,
    size: "1024x1024",
    quality: "high",
    n: 1,
    imagesDelivered: 1,
    httpStatus: 200,
    costMicros: 211_000,
    unitPriceMicros: 211_000,
    floorMicros: 80_000,
    priceVersion: 1,
    ...over,
  };
}

beforeAll(async () => {
  t = await createTestDb();
  const a1 = await createKey(t.db, { accountName: "Tenant A", alias: "prod" });
  const a2 = await createKey(t.db, { accountName: "Tenant A", alias: "idle" });
  const b1 = await createKey(t.db, { accountName: "Tenant B", alias: "prod" });
  expect(a2.key.accountId).toBe(a1.key.accountId);
  a = { accountId: a1.key.accountId, used: a1.key.id, idle: a2.key.id };
  b = { accountId: b1.key.accountId, keyId: b1.key.id };
  await recordCall(t.db, call(a.accountId, a.used, 0));
  for (let i = 0; i < 3; i++) await recordCall(t.db, call(b.accountId, b.keyId, i));
  await recordCall(
    t.db,
    call(b.accountId, b.keyId, 9, { imagesDelivered: 0, httpStatus: 429, errorCode: "image_daily_limit", costMicros: 0, unitPriceMicros: null, floorMicros: null, priceVersion: null }),
  );
});
afterAll(() => t?.drop());

async function csvOf(scope: UsageScope): Promise<string> {
  return new Response(streamCallsCsv(t.db, scope, FILTERS)).text();
}

async function everything(scope: UsageScope) {
  return {
    summary: await getSummary(t.db, scope, RANGE, null),
    daily: await getDailySeries(t.db, scope, RANGE),
    breakdown: await getBreakdown(t.db, scope, RANGE),
    errors: await getErrorSeries(t.db, scope, RANGE),
    calls: await listCalls(t.db, scope, FILTERS, { limit: 50 }),
    csv: await csvOf(scope),
  };
}

describe("account scope of the usage read models", () => {
  it("another account's key id returns nothing: summary, series, breakdown, errors, calls, CSV", async () => {
    const crossed = await everything({ accountId: a.accountId, keyId: b.keyId });
    const empty = await everything({ accountId: a.accountId, keyId: a.idle });
    expect(crossed).toEqual(empty);
    expect(crossed.summary).toMatchObject({ calls: 0, images: 0, costMicros: 0, failedByCode: [] });
    expect(crossed.calls).toEqual({ calls: [], nextCursor: null });
    expect(crossed.csv.split("\r\n").filter(Boolean)).toHaveLength(1);
  });

  it("the key's own account sees its calls (the same query is not simply empty)", async () => {
    const own = await everything({ accountId: b.accountId, keyId: b.keyId });
    expect(own.summary).toMatchObject({ calls: 4, okCalls: 3, failedCalls: 1, images: 3, costMicros: 633_000 });
    expect(own.calls.calls.map((c) => c.requestId)).toEqual([`r_${b.keyId}_9`, `r_${b.keyId}_2`, `r_${b.keyId}_1`, `r_${b.keyId}_0`]);
    expect(own.csv.split("\r\n").filter(Boolean)).toHaveLength(5);
  });

  it("an account-wide scope holds only that account's keys", async () => {
    const accountWide = await everything({ accountId: a.accountId });
    const oneKey = await everything({ accountId: a.accountId, keyId: a.used });
    expect(accountWide).toEqual(oneKey);
    expect(accountWide.summary).toMatchObject({ calls: 1, images: 1, costMicros: 211_000 });
  });
});
