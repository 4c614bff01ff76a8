import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createDb, schema } from "@/db";
import { createKey } from "@/lib/keys/create-key";
import { recordCall, type CallRecord } from "@/lib/ledger/record-call";
import { createTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let keyId: number;
let accountId: number;

beforeAll(async () => {
  t = await createTestDb();
  const { key } = await createKey(t.db, { accountName: "Ledger Co", alias: "prod" });
  keyId = key.id;
  accountId = key.accountId;
});
afterAll(() => t.drop());

function imageCall(over: Partial<CallRecord> = {}): CallRecord {
  return {
    requestId: "req_1",
    accountId,
    keyId,
    kind: "image",
    model: "gpt-image-2",
    createdAt: new Date("2026-11-24T15:59:59Z"),
    latencyMs: 31_000,
    size: "1024x1024",
    quality: "high",
    n: 2,
    imagesDelivered: 2,
    httpStatus: 200,
    costMicros: 422_000,
    unitPriceMicros: 211_000,
    floorMicros: 80_000,
    priceVersion: 1,
    ...over,
  };
}

describe("recordCall", () => {
  it("writes the row, the rollup, the day counter and the key total in one go", async () => {
    const r = await recordCall(t.db, imageCall());
    expect(r.status).toBe("inserted");
    const [row] = await t.sql`select billing_day::text as day, images_delivered, cost_micros::int as cost from calls where request_id = 'req_1'`;
    expect(row).toEqual({ day: "2026-11-24", images_delivered: 2, cost: 422_000 });
    const [u] = await t.sql`select calls, images, cost_micros::int as cost from usage_daily where key_id = ${keyId}`;
    expect(u).toEqual({ calls: 1, images: 2, cost: 422_000 });
    const [c] = await t.sql`select images_used, cost_used_micros::int as cost from key_day_counters where key_id = ${keyId} and day = '2026-11-24'`;
    expect(c).toEqual({ images_used: 2, cost: 422_000 });
    const [k] = await t.sql`select spent_total_micros::int as spent, last_used_at from api_keys where id = ${keyId}`;
    expect(k!.spent).toBe(422_000);
    expect(new Date(k!.last_used_at).toISOString()).toBe("2026-11-24T15:59:59.000Z");
  });

  it("is idempotent on (key, request_id): a retry returns the first row and changes no total", async () => {
    const again = await recordCall(t.db, imageCall({ createdAt: new Date("2026-11-24T16:00:05Z") }));
    expect(again.status).toBe("duplicate");
    const [first] = await t.sql`select created_at from calls where request_id = 'req_1'`;
    expect(new Date(first!.created_at).toISOString()).toBe("2026-11-24T15:59:59.000Z");
    const [sum] = await t.sql`select count(*)::int as n, sum(cost_micros)::int as cost from calls where key_id = ${keyId}`;
    expect(sum).toEqual({ n: 1, cost: 422_000 });
    const [u] = await t.sql`select sum(calls)::int as calls, sum(cost_micros)::int as cost from usage_daily where key_id = ${keyId}`;
    expect(u).toEqual({ calls: 1, cost: 422_000 });
  });

  it("counts concurrent records of the same call once", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => recordCall(t.db, imageCall({ requestId: "req_race" }))),
    );
    expect(results.filter((r) => r.status === "inserted")).toHaveLength(1);
    const [n] = await t.sql`select count(*)::int as n from calls where request_id = 'req_race'`;
    expect(n!.n).toBe(1);
  });

  it("counts concurrent records of the same call once even when each carries another created_at", async () => {
    const wide = createDb(t.url, { max: 24 });
    try {
      for (let round = 0; round < 5; round++) {
        const requestId = `req_restamped_${round}`;
        const results = await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            recordCall(wide.db, imageCall({ requestId, createdAt: new Date(Date.parse("2026-11-24T10:00:00Z") + i * 1000) })),
          ),
        );
        expect(results.filter((r) => r.status === "inserted")).toHaveLength(1);
      }
    } finally {
      await wide.client.end();
    }
    const [n] = await t.sql`select count(*)::int as n, sum(cost_micros)::int as cost from calls where request_id like 'req_restamped_%'`;
    expect(n).toEqual({ n: 5, cost: 5 * 422_000 });
  });

  it("puts 00:00:00 Beijing time on the next billing day whatever the session time zone", async () => {
    const la = postgres(t.url, { max: 1, onnotice: () => {}, connection: { TimeZone: "America/Los_Angeles" } });
    try {
      const [{ tz }] = (await la`select current_setting('TimeZone') as tz`) as unknown as [{ tz: string }];
      expect(tz).toBe("America/Los_Angeles");
      const r = await recordCall(drizzle(la, { schema }), imageCall({ requestId: "req_midnight", createdAt: new Date("2026-11-24T16:00:00Z"), costMicros: 80_000, quality: "low", n: 1, imagesDelivered: 1, unitPriceMicros: 12_000 }));
      expect(r.status).toBe("inserted");
    } finally {
      await la.end();
    }
    const [row] = await t.sql`select billing_day::text as day from calls where request_id = 'req_midnight'`;
    expect(row!.day).toBe("2026-11-25");
    const [u] = await t.sql`select calls from usage_daily where key_id = ${keyId} and day = '2026-11-25' and quality = 'low'`;
    expect(u!.calls).toBe(1);
  });

  it("refuses to bill a failed call", async () => {
    await expect(
      recordCall(t.db, imageCall({ requestId: "req_bad", httpStatus: 503, errorCode: "image_provider_unavailable" })),
    ).rejects.toThrow(/cannot be billed/);
    const [n] = await t.sql`select count(*)::int as n from calls where request_id = 'req_bad'`;
    expect(n!.n).toBe(0);
  });
});
