import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { startFakeUpstream, type FakeUpstream } from "../helpers/fake-upstream";
import { callsOf, countersOf, expectError, leasesOf, makeKey, postImage } from "../helpers/gateway";

/** Two gateway processes on one database: every per-key cap is exact across both. */
let t: TestDb;
let up: FakeUpstream;
let servers: AppServer[] = [];

beforeAll(async () => {
  t = await createTestDb();
  up = await startFakeUpstream();
  const envs = { UPSTREAM_BASE_URL: up.baseUrl, UPSTREAM_TIMEOUT_S: "5", LEASE_TTL_S: "10", GATEWAY_RATE_PER_KEY_PER_S: "1000", GATEWAY_RATE_PER_ADDRESS_PER_S: "1000" };
  servers = await Promise.all([startAppServer(t.url, envs), startAppServer(t.url, envs)]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await up?.stop();
  await t?.drop();
});

describe("two gateway processes, one database", () => {
  it("20 concurrent calls at a time across both: never more than 2 in flight, exactly 5 images a day", async () => {
    const { rawKey, key } = await makeKey(t, { concurrencyCap: 2, dailyImageCap: 5 });
    const outcomes: { status: number; code: string | null }[] = [];
    for (let wave = 0; wave < 4; wave++) {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          postImage(servers[i % 2]!.baseUrl, { model: "gpt-image-2", prompt: "[tag:two] [delay:300]", quality: "low" }, { key: rawKey }).then(
            async (res) => ({ status: res.status, code: res.ok ? null : ((await res.json()) as { error: { code: string } }).error.code }),
          ),
        ),
      );
      outcomes.push(...results);
    }
    expect(up.maxInFlight("two")).toBe(2);
    expect(outcomes.filter((o) => o.status === 200)).toHaveLength(5);
    expect(outcomes.filter((o) => o.status !== 200 && o.code !== "concurrency_exhausted" && o.code !== "image_daily_limit")).toEqual([]);
    expect(up.received.filter((r) => r.prompt.includes("[tag:two]"))).toHaveLength(5);
    // At the edge: the day is full on both processes.
    for (const s of servers) {
      await expectError(await postImage(s.baseUrl, { model: "gpt-image-2", prompt: "one more", quality: "low" }, { key: rawKey }), 429, "image_daily_limit");
    }
    const rows = await callsOf(t, key.id);
    expect(rows.filter((r) => r.http_status === 200).map((r) => r.cost_micros)).toEqual(Array(5).fill("80000"));
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 5, images_reserved: 0, cost_used: 400_000, cost_reserved: 0 });
    expect(await leasesOf(t, key.id)).toBe(0);
  });
});
