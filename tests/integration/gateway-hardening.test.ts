import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { startFakeUpstream, type FakeUpstream } from "../helpers/fake-upstream";
import { callsOf, countersOf, eventually, expectError, leasesOf, makeKey, postImage } from "../helpers/gateway";

/**
 * Billing under faults: text the ledger cannot store, a database that fails at settle, a
 * connection that cannot be had, a call that outlives its lease, a client that leaves at the
 * last instant, and price-book versions switching at their effective instant.
 */
let t: TestDb;
let up: FakeUpstream;
let app: AppServer;
const LEASE_TTL_S = 6;
/** Version 2 of the price book takes effect at this instant (after the tests' real clock). */
const SWITCH = "2027-01-01T00:00:00.000Z";

beforeAll(async () => {
  t = await createTestDb();
  up = await startFakeUpstream();
  await t.sql`
    insert into price_book (version, effective_from, size, quality, unit_price_micros, floor_micros)
    select 2, ${SWITCH}::timestamptz, size, quality, unit_price_micros + 1000, floor_micros from price_book where version = 1`;
  app = await startAppServer(t.url, {
    TEST_CLOCK: "on",
    TEST_HOOKS: "on",
    UPSTREAM_BASE_URL: up.baseUrl,
    UPSTREAM_TIMEOUT_S: "1",
    LEASE_TTL_S: String(LEASE_TTL_S),
  });
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
  await t?.drop();
});

const body = (prompt: string, extra: Record<string, unknown> = {}) => ({ model: "gpt-image-2", prompt, quality: "low", ...extra });

describe("text the ledger cannot store", () => {
  it.each([
    ["a NUL byte", "a\u0000b", /NUL/],
    ["a lone surrogate", "a\uD800b", /unpaired UTF-16 surrogates/],
  ])("%s in the prompt → 400 naming prompt before any work, and the refusal is recorded", async (_name, prompt, message) => {
    const { rawKey, key } = await makeKey(t);
    const asked = up.received.length;
    const err = await expectError(await postImage(app.baseUrl, body(prompt), { key: rawKey }), 400, "invalid_request_error", "prompt");
    expect(err.message).toMatch(message);
    expect(up.received.length).toBe(asked);
    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.http_status, r.error_code, r.cost_micros, r.prompt_preview])).toEqual([[400, "invalid_request_error", "0", null]]);
    expect(await countersOf(t, key.id)).toEqual([]);
  });

  it("a refusal carrying a NUL (n=5) keeps its row", async () => {
    const { rawKey, key } = await makeKey(t);
    await expectError(await postImage(app.baseUrl, body("x\u0000", { n: 5 }), { key: rawKey }), 400, "invalid_request_error", "prompt");
    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.http_status, r.error_code, r.prompt_preview])).toEqual([[400, "invalid_request_error", null]]);
  });
});

/** Installs a trigger that refuses billed rows whose prompt carries the marker (counting each refusal in a sequence). */
async function installSettleFault(marker: string) {
  await t.sql.unsafe(`
    create sequence if not exists settle_faults;
    create or replace function fail_billed_${marker}() returns trigger language plpgsql as $$
    begin
      if new.http_status = 200 and new.prompt_preview like '%[${marker}]%' then
        perform nextval('settle_faults');
        raise exception 'injected fault for %', new.request_id;
      end if;
      return new;
    end $$;
    create trigger fail_billed_${marker} before insert on calls for each row execute function fail_billed_${marker}();`);
  return {
    faults: async () => Number((await t.sql<{ n: string }[]>`select last_value::text as n from settle_faults`)[0]!.n),
    remove: () => t.sql.unsafe(`drop trigger fail_billed_${marker} on calls`),
  };
}

describe("a database fault when the call is recorded", () => {
  it("the write is retried; until it lands the reservation counts; then exactly one billed row", async () => {
    const { rawKey, key } = await makeKey(t, { dailyImageCap: 3 });
    const fault = await installSettleFault("flaky");
    const before = await fault.faults().catch(() => 0);
    const pending = postImage(app.baseUrl, body("[flaky] a vase", { n: 2 }), { key: rawKey });
    try {
      await eventually(async () => expect(await fault.faults()).toBeGreaterThanOrEqual(before + 2));
      // Images made, not yet recorded: still reserved, so the day's cap still counts them.
      expect(await leasesOf(t, key.id)).toBe(1);
      expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 0, images_reserved: 2 });
      await expectError(await postImage(app.baseUrl, body("one more", { n: 2 }), { key: rawKey }), 429, "image_daily_limit");
    } finally {
      await fault.remove();
    }
    const res = await pending;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(2);
    const billed = (await callsOf(t, key.id)).filter((r) => r.http_status === 200);
    expect(billed.map((r) => [r.images_delivered, r.cost_micros])).toEqual([[2, "160000"]]);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 2, images_reserved: 0, cost_used: 160_000, cost_reserved: 0 });
    expect(await leasesOf(t, key.id)).toBe(0);
  });

  it("settle fallback: a billed row that never lands → 500, no images, an unbilled 500 row, reservation released", async () => {
    const { rawKey, key } = await makeKey(t);
    const fault = await installSettleFault("broken");
    try {
      const res = await postImage(app.baseUrl, body("[broken] a vase"), { key: rawKey });
      const err = await expectError(res, 500, "internal_error");
      expect(JSON.stringify(err)).not.toContain("b64_json");
    } finally {
      await fault.remove();
    }
    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.http_status, r.error_code, r.cost_micros, r.images_delivered])).toEqual([[500, "internal_error", "0", 0]]);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 0, images_reserved: 0, cost_used: 0, cost_reserved: 0 });
    expect(await leasesOf(t, key.id)).toBe(0);
  });
});

describe("a call that outlives its lease", () => {
  /**
   * Sends a call the gateway holds `pastS` seconds past its lease once the engine has answered (a
   * stand-in for anything slow after the engine: a busy machine, a stalled database), waits for
   * the lease to expire, and sends the key's next call, which reclaims it.
   */
  async function outliveLease(rawKey: string, keyId: number, prompt: string, pastS: number, opts: { signal?: AbortSignal; headers?: Record<string, string> } = {}) {
    const slow = postImage(app.baseUrl, body(prompt), {
      key: rawKey,
      signal: opts.signal,
      headers: { "x-imgledger-test-pause-after-engine-ms": String((LEASE_TTL_S + pastS) * 1000), ...opts.headers },
    });
    await eventually(async () => expect(await leasesOf(t, keyId)).toBe(1));
    const [lease] = await t.sql<{ ms: number }[]>`select extract(epoch from expires_at)::float8 * 1000 as ms from in_flight where key_id = ${keyId}`;
    await new Promise((r) => setTimeout(r, Math.max(0, lease!.ms - Date.now() + 200)));
    const next = await postImage(app.baseUrl, body("next"), { key: rawKey });
    return { slow, next };
  }

  it("is not delivered nor billed once its lease was reclaimed: the day stays at its cap", async () => {
    const { rawKey, key } = await makeKey(t, { dailyImageCap: 1, concurrencyCap: 1 });
    // The next call reclaims the expired lease and takes the day's only image.
    const { slow, next } = await outliveLease(rawKey, key.id, "slow", 1);
    expect(next.status).toBe(200);
    const err = await expectError(await slow, 503, "service_overloaded");
    expect(err.message).toMatch(/not delivered; nothing was billed/);
    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.http_status, r.error_code, r.cost_micros])).toEqual([
      [200, null, "80000"],
      [503, "service_overloaded", "0"],
    ]);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 1, images_reserved: 0 });
  });

  it("is billed once after its lease was reclaimed when what it delivered still fits under the caps", async () => {
    const { rawKey, key } = await makeKey(t, { dailyImageCap: 5, concurrencyCap: 1 });
    const logged = app.logs.length;
    // Held 3 s past its lease, so the next call surely reclaims the lease (and the concurrency
    // slot) before this one settles; the day still has room.
    const { slow, next } = await outliveLease(rawKey, key.id, "slow but fits", 3);
    expect(next.status).toBe(200);
    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.headers.get("x-imgledger-billed-micros")).toBe("80000");
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(1);
    expect(app.logs.slice(logged).join("")).toMatch(/outlived its lease/);
    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.http_status, r.error_code, r.cost_micros, r.images_delivered])).toEqual([
      [200, null, "80000", 1],
      [200, null, "80000", 1],
    ]);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 2, images_reserved: 0, cost_used: 160_000, cost_reserved: 0 });
    expect(await leasesOf(t, key.id)).toBe(0);
  });

  it("whose client leaves at the late settle's last check is not billed: 499 client_closed", async () => {
    const { rawKey, key } = await makeKey(t, { dailyImageCap: 5, concurrencyCap: 1 });
    const logged = app.logs.length;
    const ctl = new AbortController();
    const { slow, next } = await outliveLease(rawKey, key.id, "slow and gone", 3, {
      signal: ctl.signal,
      headers: { "x-imgledger-test-hold-before-commit": "on" },
    });
    expect(next.status).toBe(200);
    // The late settle's last check, announced by the test hook.
    await eventually(async () => expect(app.logs.slice(logged).join("")).toMatch(/outlived its lease[\s\S]*holding before commit/), 15_000);
    ctl.abort();
    await expect(slow).rejects.toThrow(/abort/i);
    await eventually(async () =>
      expect((await callsOf(t, key.id)).map((r) => [r.http_status, r.error_code, r.cost_micros, r.images_delivered])).toEqual([
        [200, null, "80000", 1],
        [499, "client_closed", "0", 0],
      ]),
    );
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 1, images_reserved: 0, cost_used: 80_000, cost_reserved: 0 });
    expect(await leasesOf(t, key.id)).toBe(0);
  });
});

describe("a client that leaves after the engine returned, before the answer is written", () => {
  it("is not billed: 499 client_closed, reservation released", async () => {
    const { rawKey, key } = await makeKey(t);
    const ctl = new AbortController();
    const logged = app.logs.length;
    const pending = postImage(app.baseUrl, body("last instant", { n: 2 }), {
      key: rawKey,
      signal: ctl.signal,
      headers: { "x-imgledger-test-hold-before-commit": "on" },
    });
    // The gateway announces it has the images and its billed row written, uncommitted.
    await eventually(async () => expect(app.logs.slice(logged).join("")).toMatch(/holding before commit/));
    ctl.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await eventually(async () =>
      expect((await callsOf(t, key.id)).map((r) => [r.http_status, r.error_code, r.cost_micros, r.images_delivered])).toEqual([
        [499, "client_closed", "0", 0],
      ]),
    );
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 0, images_reserved: 0, cost_used: 0, cost_reserved: 0 });
    expect(await leasesOf(t, key.id)).toBe(0);
  });
});

describe("price-book versions switch at their effective instant", () => {
  it("a call just before is priced by version 1, a call at the instant by version 2", async () => {
    const { rawKey, key } = await makeKey(t);
    const before = new Date(Date.parse(SWITCH) - 1).toISOString();
    const r1 = await postImage(app.baseUrl, body("before", { quality: "high" }), { key: rawKey, now: before });
    expect(r1.status).toBe(200);
    expect([r1.headers.get("x-imgledger-billed-micros"), r1.headers.get("x-imgledger-price-version")]).toEqual(["211000", "1"]);
    const r2 = await postImage(app.baseUrl, body("at", { quality: "high" }), { key: rawKey, now: SWITCH });
    expect(r2.status).toBe(200);
    expect([r2.headers.get("x-imgledger-billed-micros"), r2.headers.get("x-imgledger-price-version")]).toEqual(["212000", "2"]);
    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.price_version, r.unit_price_micros, r.cost_micros, r.billing_day])).toEqual([
      [1, "211000", "211000", "2027-01-01"],
      [2, "212000", "212000", "2027-01-01"],
    ]);
  });
});

describe("the service-wide slot when the database cannot be reached", () => {
  it("MAX_INFLIGHT + 1 failed connections leak nothing: once the database is back, the next call succeeds", { timeout: 240_000 }, async () => {
    // A database of its own, so the outage touches nothing else of this file.
    const own = await createTestDb();
    const small = await startAppServer(own.url, { MAX_INFLIGHT: "2" });
    const admin = postgres(inject("adminDatabaseUrl"), { max: 1, onnotice: () => {} });
    const name = new URL(own.url).pathname.slice(1);
    try {
      const { rawKey } = await makeKey(own);
      // Warm the key and price caches, so the reservation is the first thing to need the database.
      expect((await postImage(small.baseUrl, body("warm"), { key: rawKey })).status).toBe(200);
      await admin.unsafe(`alter database ${name} allow_connections false`);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name}`;
      for (let i = 0; i < 3; i++) await expectError(await postImage(small.baseUrl, body(`down ${i}`), { key: rawKey }), 500, "internal_error");
      await admin.unsafe(`alter database ${name} allow_connections true`);
      // The server's pool reconnects with its own backoff after the failed connects: wait until
      // its health check reaches the database again. Then the next call must succeed: with leaked
      // slots it would be refused as 503 service_overloaded.
      await eventually(async () => {
        const health = await fetch(`${small.baseUrl}/qcode-img/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
        expect(health?.status).toBe(200);
      }, 90_000);
      const res = await postImage(small.baseUrl, body("back"), { key: rawKey });
      expect(res?.status, await res?.clone().text()).toBe(200);
    } finally {
      await admin.unsafe(`alter database ${name} allow_connections true`).catch(() => {});
      await admin.end();
      small.proc.kill("SIGKILL");
      await own.drop();
    }
  });
});
