import { APIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordCall } from "@/lib/ledger/record-call";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { startFakeUpstream, USAGE_BLOCK, type FakeUpstream } from "../helpers/fake-upstream";
import {
  callsOf,
  countersOf,
  eventually,
  expectError,
  leasesOf,
  makeKey,
  openai,
  pngSize,
  postImage,
  REQUEST_ID,
} from "../helpers/gateway";

let t: TestDb;
let up: FakeUpstream;
let app: AppServer;

beforeAll(async () => {
  t = await createTestDb();
  up = await startFakeUpstream();
  app = await startAppServer(t.url, {
    TEST_CLOCK: "on",
    UPSTREAM_BASE_URL: up.baseUrl,
    UPSTREAM_API_KEY: "upstream-secret",
    UPSTREAM_TIMEOUT_S: "60",
    MAX_INFLIGHT: "50",
    REGION: "test-region",
    // This file plays hundreds of clients from one address and key: request rates are tested elsewhere.
    GATEWAY_RATE_PER_ADDRESS_PER_S: "100000",
    GATEWAY_RATE_PER_KEY_PER_S: "100000",
  });
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
  await t?.drop();
});

const SIZES = ["1024x1024", "1024x1536", "1536x1024"] as const;
const QUALITIES = ["low", "medium", "high"] as const;
/** Billed per image (reference table; low and medium at the $0.08 floor). */
const PER_IMAGE: Record<string, number> = {
  "1024x1024/low": 80_000, "1024x1024/medium": 80_000, "1024x1024/high": 211_000,
  "1024x1536/low": 80_000, "1024x1536/medium": 80_000, "1024x1536/high": 165_000,
  "1536x1024/low": 80_000, "1536x1024/medium": 80_000, "1536x1024/high": 165_000,
};

describe("the official openai client", () => {
  it("lists gpt-image-2", async () => {
    const { rawKey } = await makeKey(t);
    const list = await openai(app.baseUrl, rawKey).models.list();
    expect(list.data.map((m) => m.id)).toEqual(["gpt-image-2"]);
    const one = await openai(app.baseUrl, rawKey).models.retrieve("gpt-image-2");
    expect(one).toMatchObject({ id: "gpt-image-2", object: "model" });
  });

  it("generates every size and quality as PNGs of that size, billed by the price book, with the request id in the ledger", async () => {
    const { rawKey, key } = await makeKey(t, { concurrencyCap: 9, dailyImageCap: 1000 });
    const client = openai(app.baseUrl, rawKey);
    const combos = SIZES.flatMap((size) => QUALITIES.map((quality) => ({ size, quality })));
    const results = await Promise.all(
      combos.map(({ size, quality }) =>
        client.images
          .generate({ model: "gpt-image-2", prompt: `A ceramic vase ${size} ${quality} [usage]`, size, quality, n: 1 })
          .withResponse(),
      ),
    );
    const rows = await callsOf(t, key.id);
    expect(rows).toHaveLength(9);
    for (const [i, { data: body, response }] of results.entries()) {
      const { size, quality } = combos[i]!;
      const [w, h] = size.split("x").map(Number);
      expect(body.data).toHaveLength(1);
      expect(pngSize(body.data![0]!.b64_json!)).toEqual({ width: w, height: h });
      expect(body.data![0]!.revised_prompt).toBe(`revised: A ceramic vase ${size} ${quality} [usage]`);
      expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(60);
      const requestId = response.headers.get("x-request-id")!;
      expect(requestId).toMatch(REQUEST_ID);
      const row = rows.find((r) => r.request_id === requestId)!;
      expect(row).toMatchObject({
        http_status: 200,
        error_code: null,
        size,
        quality,
        n: 1,
        images_delivered: 1,
        cost_micros: String(PER_IMAGE[`${size}/${quality}`]),
        floor_micros: "80000",
        price_version: 1,
        region: "test-region",
        prompt_preview: `A ceramic vase ${size} ${quality} [usage]`,
        upstream_usage: USAGE_BLOCK,
      });
    }
    // The upstream got exactly the request and the configured key.
    const seen = up.received.filter((r) => r.prompt.startsWith("A ceramic vase"));
    expect(seen).toHaveLength(9);
    expect(new Set(seen.map((r) => r.auth))).toEqual(new Set(["Bearer upstream-secret"]));
    expect(await countersOf(t, key.id)).toEqual([
      expect.objectContaining({ images_used: 9, images_reserved: 0, cost_used: 6 * 80_000 + 211_000 + 2 * 165_000, cost_reserved: 0 }),
    ]);
  });

  it("n = 4 returns four PNGs and bills 4 × the per-image price", async () => {
    const { rawKey, key } = await makeKey(t);
    const res = await openai(app.baseUrl, rawKey).images.generate({
      model: "gpt-image-2",
      prompt: "four lanterns",
      size: "1536x1024",
      quality: "high",
      n: 4,
    });
    expect(res.data).toHaveLength(4);
    for (const img of res.data!) expect(pngSize(img.b64_json!)).toEqual({ width: 1536, height: 1024 });
    const [row] = await callsOf(t, key.id);
    expect(row).toMatchObject({ n: 4, images_delivered: 4, cost_micros: String(4 * 165_000), unit_price_micros: "165000" });
  });

  it("defaults: size 1024x1024, quality medium, n 1", async () => {
    const { rawKey, key } = await makeKey(t);
    const res = await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "defaults" }, { key: rawKey });
    expect(res.status).toBe(200);
    // The answer says what was billed: one medium 1024x1024 image at the $0.08 floor.
    expect(res.headers.get("x-imgledger-billed-micros")).toBe("80000");
    expect(res.headers.get("x-imgledger-price-version")).toBe("1");
    const body = (await res.json()) as { data: { b64_json: string }[] };
    expect(body.data).toHaveLength(1);
    expect(pngSize(body.data[0]!.b64_json)).toEqual({ width: 1024, height: 1024 });
    expect(up.received.at(-1)).toMatchObject({ prompt: "defaults", size: "1024x1024", quality: "medium", n: 1 });
    expect((await callsOf(t, key.id))[0]).toMatchObject({ size: "1024x1024", quality: "medium", n: 1, cost_micros: "80000" });
  });

  it("an upstream that delivers fewer images than asked bills only what was delivered", async () => {
    const { rawKey, key } = await makeKey(t);
    const res = await openai(app.baseUrl, rawKey).images.generate({ model: "gpt-image-2", prompt: "[partial]", quality: "high", n: 3 });
    expect(res.data).toHaveLength(2);
    expect((await callsOf(t, key.id))[0]).toMatchObject({ n: 3, images_delivered: 2, cost_micros: String(2 * 211_000) });
    expect(await countersOf(t, key.id)).toEqual([expect.objectContaining({ images_used: 2, images_reserved: 0, cost_reserved: 0 })]);
  });

  it("maps errors to APIError with the reference's status and code", async () => {
    const { rawKey } = await makeKey(t);
    const err = await openai(app.baseUrl, rawKey)
      .images.generate({ model: "gpt-image-2", prompt: "x", size: "256x256" as "1024x1024" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).status).toBe(422);
    expect((err as APIError).code).toBe("unsupported_size");
    const bad = await openai(app.baseUrl, "cr_" + "x".repeat(40)).images.generate({ model: "gpt-image-2", prompt: "x" }).catch((e: unknown) => e);
    expect((bad as APIError).status).toBe(401);
    expect((bad as APIError).code).toBe("invalid_api_key");
  });
});

describe("key checks", () => {
  it("missing, malformed, unknown and disabled keys → 401 invalid_api_key; expired → 401 key_expired; known keys' refusals recorded unbilled", async () => {
    const body = { model: "gpt-image-2", prompt: "x" };
    await expectError(await postImage(app.baseUrl, body), 401, "invalid_api_key");
    await expectError(await postImage(app.baseUrl, body, { headers: { authorization: "Bearer sk-proj-123" } }), 401, "invalid_api_key");
    await expectError(await postImage(app.baseUrl, body, { headers: { authorization: "Basic abc" } }), 401, "invalid_api_key");
    await expectError(await postImage(app.baseUrl, body, { key: "cr_" + "A".repeat(40) }), 401, "invalid_api_key");
    const disabled = await makeKey(t, { status: "disabled" });
    const e1 = await expectError(await postImage(app.baseUrl, body, { key: disabled.rawKey }), 401, "invalid_api_key");
    expect(e1.type).toBe("authentication_error");
    const expired = await makeKey(t, { expiresAt: new Date("2026-06-01T00:00:00Z") });
    await expectError(await postImage(app.baseUrl, body, { key: expired.rawKey }), 401, "key_expired");
    // The same key before its expiry (the injected clock) works.
    const ok = await postImage(app.baseUrl, body, { key: expired.rawKey, now: "2026-05-31T23:59:59Z" });
    expect(ok.status).toBe(200);
    const refused = (rows: Awaited<ReturnType<typeof callsOf>>) =>
      rows.map((r) => [r.http_status, r.error_code, Number(r.cost_micros), r.images_delivered]);
    expect(refused(await callsOf(t, disabled.key.id))).toEqual([[401, "invalid_api_key", 0, 0]]);
    expect(refused(await callsOf(t, expired.key.id))).toEqual([[401, "key_expired", 0, 0], [200, null, 80_000, 1]]);
    const models = await fetch(`${app.baseUrl}/qcode-img/v1/models`);
    await expectError(models, 401, "invalid_api_key");
  });
});

describe("changes to a key take effect on the next call", () => {
  it("a key disabled after its last call is refused with 401, recorded unbilled", async () => {
    const { rawKey, key } = await makeKey(t);
    expect((await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "first" }, { key: rawKey })).status).toBe(200);
    await t.sql`update api_keys set status = 'disabled' where id = ${key.id}`;
    const err = await expectError(await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "second" }, { key: rawKey }), 401, "invalid_api_key");
    expect(err.message).toBe("API key disabled");
    expect((await callsOf(t, key.id)).map((r) => [r.http_status, r.error_code])).toEqual([[200, null], [401, "invalid_api_key"]]);
  });

  it("limits, and temporary overrides while they last, are read fresh by every reservation", async () => {
    const { rawKey, key } = await makeKey(t);
    const img = (n: number, now: string) => postImage(app.baseUrl, { model: "gpt-image-2", prompt: "p", quality: "low", n }, { key: rawKey, now });
    expect((await img(1, "2026-11-10T02:00:00Z")).status).toBe(200);
    await t.sql`update api_keys set temp_daily_image_cap = 2, temp_daily_image_cap_until = '2026-11-10T06:00:00Z' where id = ${key.id}`;
    await expectError(await img(2, "2026-11-10T05:59:59Z"), 429, "image_daily_limit");
    expect((await img(1, "2026-11-10T05:59:59Z")).status).toBe(200);
    // The override has ended: the key's own cap of 100 applies again.
    expect((await img(4, "2026-11-10T06:00:00Z")).status).toBe(200);
    await t.sql`update api_keys set daily_image_cap = 6 where id = ${key.id}`;
    await expectError(await img(1, "2026-11-10T07:00:00Z"), 429, "image_daily_limit");
  });
});

describe("validation (400 naming the field, 422 size, 413 body), each recorded unbilled", () => {
  const base = { model: "gpt-image-2", prompt: "a cat" };
  const cases: [string, unknown, number, string, string][] = [
    ["malformed JSON", "{\"model\": \"gpt-image-2\", ", 400, "invalid_request_error", "body"],
    ["not an object", "[1,2]", 400, "invalid_request_error", "body"],
    ["missing prompt", { model: "gpt-image-2" }, 400, "invalid_request_error", "prompt"],
    ["empty prompt", { ...base, prompt: "   " }, 400, "invalid_request_error", "prompt"],
    ["prompt not a string", { ...base, prompt: 42 }, 400, "invalid_request_error", "prompt"],
    ["prompt over 32,000 characters", { ...base, prompt: "猫".repeat(32_001) }, 400, "invalid_request_error", "prompt"],
    ["missing model", { prompt: "a cat" }, 400, "invalid_request_error", "model"],
    ["wrong model", { ...base, model: "dall-e-3" }, 400, "invalid_request_error", "model"],
    ["n = 0", { ...base, n: 0 }, 400, "invalid_request_error", "n"],
    ["n = 5", { ...base, n: 5 }, 400, "invalid_request_error", "n"],
    ["n = 1.5", { ...base, n: 1.5 }, 400, "invalid_request_error", "n"],
    ["n as a string", { ...base, n: "2" }, 400, "invalid_request_error", "n"],
    ["unknown quality", { ...base, quality: "ultra" }, 400, "invalid_request_error", "quality"],
    ["size not in the list", { ...base, size: "512x512" }, 422, "unsupported_size", "size"],
    ["2048x2048 (priced, not allowed here)", { ...base, size: "2048x2048" }, 422, "unsupported_size", "size"],
  ];

  it.each(cases)("%s", async (_name, body, status, code, param) => {
    const { rawKey, key } = await makeKey(t);
    const res = await postImage(app.baseUrl, body, { key: rawKey });
    const requestId = res.headers.get("x-request-id");
    const err = await expectError(res, status, code, param);
    expect(err.type).toBe("invalid_request_error");
    expect(err.message).toContain(param === "body" ? "JSON" : param);
    const rows = await callsOf(t, key.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ request_id: requestId, http_status: status, error_code: code, cost_micros: "0", images_delivered: 0 });
    expect(await leasesOf(t, key.id)).toBe(0);
  });

  it("a prompt of exactly 32,000 characters is accepted; its preview keeps 120", async () => {
    const { rawKey, key } = await makeKey(t);
    const res = await postImage(app.baseUrl, { ...base, prompt: "雨".repeat(32_000), quality: "low" }, { key: rawKey });
    expect(res.status).toBe(200);
    expect((await callsOf(t, key.id))[0]!.prompt_preview).toBe("雨".repeat(120));
  });

  it("413 over 1 MiB, by Content-Length and by the bytes of a chunked body", async () => {
    const { rawKey, key } = await makeKey(t);
    const big = JSON.stringify({ ...base, prompt: "a".repeat(1024 * 1024) });
    await expectError(await postImage(app.baseUrl, big, { key: rawKey }), 413, "invalid_request_error", "body");
    const bytes = new TextEncoder().encode(big);
    const chunked = await fetch(`${app.baseUrl}/qcode-img/v1/images/generations`, {
      method: "POST",
      headers: { authorization: `Bearer ${rawKey}`, "content-type": "application/json" },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.slice(i, i + 64 * 1024));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    await expectError(chunked, 413, "invalid_request_error", "body");
    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.http_status, r.error_code])).toEqual([
      [413, "invalid_request_error"],
      [413, "invalid_request_error"],
    ]);
  });
});

describe("cost limits cover image and chat spend", () => {
  const chat = (key: { id: number; accountId: number }, id: string, at: string, costMicros: number) =>
    recordCall(t.db, {
      requestId: id,
      accountId: key.accountId,
      keyId: key.id,
      kind: "chat",
      model: "claude-sonnet-4",
      createdAt: new Date(at),
      latencyMs: 900,
      imagesDelivered: 0,
      httpStatus: 200,
      costMicros,
      inputTokens: 1000,
      outputTokens: 200,
    });

  it("daily: $0.30 chat + image calls against a $0.50 daily limit → crs_daily_exhausted, resets next Beijing day", async () => {
    const { rawKey, key } = await makeKey(t, { dailyCostLimitMicros: 500_000 });
    const now = "2026-11-24T04:00:00Z";
    await chat(key, "chat-a", "2026-11-24T01:00:00Z", 300_000);
    const img = (quality: string, at = now) => postImage(app.baseUrl, { model: "gpt-image-2", prompt: "p", quality }, { key: rawKey, now: at });
    // 0.30 + 0.211 > 0.50
    await expectError(await img("high"), 429, "crs_daily_exhausted");
    expect((await img("medium")).status).toBe(200); // 0.38
    expect((await img("low")).status).toBe(200); // 0.46
    const e = await expectError(await img("low"), 429, "crs_daily_exhausted"); // 0.54
    expect(e.type).toBe("rate_limit_error");
    // 2026-11-24T16:00Z is 00:00 on 11-25 in Beijing: a new day.
    expect((await img("high", "2026-11-24T16:00:00Z")).status).toBe(200);
    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.kind, r.http_status, r.error_code, Number(r.cost_micros)])).toEqual([
      ["chat", 200, null, 300_000],
      ["image", 429, "crs_daily_exhausted", 0],
      ["image", 200, null, 80_000],
      ["image", 200, null, 80_000],
      ["image", 429, "crs_daily_exhausted", 0],
      ["image", 200, null, 211_000],
    ]);
  });

  it("total: chat spend on an earlier day + images against a $1.00 total limit → crs_total_exhausted", async () => {
    const { rawKey, key } = await makeKey(t, { totalCostLimitMicros: 1_000_000 });
    await chat(key, "chat-b", "2026-11-20T03:00:00Z", 850_000);
    const img = (n: number) => postImage(app.baseUrl, { model: "gpt-image-2", prompt: "p", quality: "low", n }, { key: rawKey, now: "2026-11-24T05:00:00Z" });
    await expectError(await img(2), 429, "crs_total_exhausted"); // 0.85 + 0.16
    expect((await img(1)).status).toBe(200); // 0.93
    await expectError(await img(1), 429, "crs_total_exhausted"); // 1.01
    const [spent] = await t.sql<{ s: number }[]>`select spent_total_micros::float8 as s from api_keys where id = ${key.id}`;
    expect(spent!.s).toBe(930_000);
  });

  it("the daily image cap is checked before the cost limits", async () => {
    const { rawKey } = await makeKey(t, { dailyImageCap: 1, dailyCostLimitMicros: 1 });
    const res = await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "p", n: 2 }, { key: rawKey });
    await expectError(res, 429, "image_daily_limit");
  });
});

describe("daily image cap (100 by default, Beijing midnight)", () => {
  it("100 images then image_daily_limit; resets at 00:00 Beijing; with 98 used n=4 is refused and n=2 accepted", async () => {
    const { rawKey, key } = await makeKey(t);
    const body = (n: number) => ({ model: "gpt-image-2", prompt: "cap", quality: "low", n });
    const day1 = "2026-12-01T15:59:00Z"; // 23:59 on 12-01 in Beijing
    for (let i = 0; i < 25; i += 1) expect((await postImage(app.baseUrl, body(4), { key: rawKey, now: day1 })).status).toBe(200);
    const counters1 = await countersOf(t, key.id);
    expect(counters1).toEqual([{ day: "2026-12-01", images_used: 100, images_reserved: 0, cost_used: 100 * 80_000, cost_reserved: 0 }]);
    const refused = await postImage(app.baseUrl, body(1), { key: rawKey, now: day1 });
    const err = await expectError(refused, 429, "image_daily_limit");
    expect(err.message).toContain("2026-12-01T16:00:00.000Z");
    expect(refused.headers.get("retry-after")).toBe("60");
    await expectError(await postImage(app.baseUrl, body(1), { key: rawKey, now: "2026-12-01T15:59:59.999Z" }), 429, "image_daily_limit");

    const day2 = "2026-12-01T16:00:00Z"; // 00:00 on 12-02 in Beijing
    for (let i = 0; i < 24; i += 1) expect((await postImage(app.baseUrl, body(4), { key: rawKey, now: day2 })).status).toBe(200);
    expect((await postImage(app.baseUrl, body(2), { key: rawKey, now: day2 })).status).toBe(200);
    expect((await countersOf(t, key.id))[1]).toMatchObject({ day: "2026-12-02", images_used: 98, images_reserved: 0 });
    await expectError(await postImage(app.baseUrl, body(4), { key: rawKey, now: day2 }), 429, "image_daily_limit");
    expect((await postImage(app.baseUrl, body(2), { key: rawKey, now: day2 })).status).toBe(200);
    await expectError(await postImage(app.baseUrl, body(1), { key: rawKey, now: day2 }), 429, "image_daily_limit");

    const [ledger] = await t.sql<{ day: string; images: number; refused: number }[]>`
      select billing_day::text as day, sum(images_delivered)::int as images,
             count(*) filter (where error_code = 'image_daily_limit')::int as refused
      from calls where key_id = ${key.id} and billing_day = '2026-12-02' group by 1`;
    expect(ledger).toEqual({ day: "2026-12-02", images: 100, refused: 2 });
    expect((await countersOf(t, key.id)).map((c) => [c.day, c.images_used, c.images_reserved])).toEqual([
      ["2026-12-01", 100, 0],
      ["2026-12-02", 100, 0],
    ]);
  });
});

describe("concurrency", () => {
  it("10 simultaneous requests on one key with a slow upstream → exactly 2 admitted, 8 concurrency_exhausted", async () => {
    const { rawKey, key } = await makeKey(t, { alias: "conc10" });
    const client = openai(app.baseUrl, rawKey);
    const outcomes: (number | string | undefined)[] = Array.from({ length: 10 });
    const calls = Array.from({ length: 10 }, (_, i) =>
      client.images
        .generate({ model: "gpt-image-2", prompt: `slow ${i} [tag:conc10] [hold:conc10]`, quality: "low" })
        .then(
          () => 200,
          (e: APIError) => `${e.status} ${e.code}`,
        )
        .then((o) => (outcomes[i] = o)),
    );
    await up.waitForHeld("conc10", 2);
    // Rejections do not wait for the upstream: all 8 arrive while the two admitted calls are held.
    await eventually(async () => expect(outcomes.filter((o) => o !== undefined)).toHaveLength(8));
    expect(outcomes.filter((o) => o === "429 concurrency_exhausted")).toHaveLength(8);
    up.release("conc10");
    await Promise.all(calls);
    expect(outcomes.filter((o) => o === 200)).toHaveLength(2);
    expect(up.maxInFlight("conc10")).toBe(2);
    const rows = await callsOf(t, key.id);
    expect(rows.filter((r) => r.http_status === 200)).toHaveLength(2);
    expect(rows.filter((r) => r.error_code === "concurrency_exhausted" && r.http_status === 429)).toHaveLength(8);
    expect(await leasesOf(t, key.id)).toBe(0);
  });

  it("200 requests across 20 keys at once: no key over its cap in flight, the ledger counts exactly what was admitted", async () => {
    const keys = await Promise.all(Array.from({ length: 20 }, (_, i) => makeKey(t, { alias: `fleet${i}`, dailyImageCap: 1000 })));
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const k = keys[i % 20]!;
        return postImage(app.baseUrl, { model: "gpt-image-2", prompt: `fleet [tag:${k.key.alias}] [delay:150]`, quality: "low" }, { key: k.rawKey }).then(
          async (res) => ({ alias: k.key.alias, status: res.status, code: res.ok ? null : ((await res.json()) as { error: { code: string } }).error.code }),
        );
      }),
    );
    expect(outcomes.filter((o) => o.status !== 200 && o.code !== "concurrency_exhausted")).toEqual([]);
    for (const k of keys) {
      expect(up.maxInFlight(k.key.alias)).toBeGreaterThanOrEqual(1);
      expect(up.maxInFlight(k.key.alias)).toBeLessThanOrEqual(2);
      const mine = outcomes.filter((o) => o.alias === k.key.alias);
      const admitted = mine.filter((o) => o.status === 200).length;
      const rows = await callsOf(t, k.key.id);
      expect(rows.filter((r) => r.http_status === 200 && r.images_delivered === 1 && r.cost_micros === "80000")).toHaveLength(admitted);
      expect(rows.filter((r) => r.error_code === "concurrency_exhausted")).toHaveLength(10 - admitted);
      expect(up.received.filter((r) => r.prompt.includes(`[tag:${k.key.alias}]`))).toHaveLength(admitted);
      const [c] = await countersOf(t, k.key.id);
      expect(c).toMatchObject({ images_used: admitted, images_reserved: 0, cost_used: admitted * 80_000, cost_reserved: 0 });
      expect(await leasesOf(t, k.key.id)).toBe(0);
    }
  });

  it("over MAX_INFLIGHT in flight service-wide → 503 service_overloaded (after the key's own limits)", async () => {
    const { rawKey, key } = await makeKey(t, { concurrencyCap: 100, dailyImageCap: 1000, alias: "wide" });
    const calls = Array.from({ length: 53 }, () =>
      postImage(app.baseUrl, { model: "gpt-image-2", prompt: "[tag:wide] [hold:wide]", quality: "low" }, { key: rawKey }),
    );
    await up.waitForHeld("wide", 50);
    await new Promise((r) => setTimeout(r, 300));
    expect(up.inFlight("wide")).toBe(50);
    up.release("wide");
    const results = await Promise.all(calls);
    const overloaded = results.filter((r) => r.status === 503);
    expect(results.filter((r) => r.status === 200)).toHaveLength(50);
    expect(overloaded).toHaveLength(3);
    for (const r of overloaded) await expectError(r, 503, "service_overloaded");
    const rows = await callsOf(t, key.id);
    expect(rows.filter((r) => r.error_code === "service_overloaded")).toHaveLength(3);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 50, images_reserved: 0 });
  });
});
