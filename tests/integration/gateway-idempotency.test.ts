import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { startFakeUpstream, type FakeUpstream } from "../helpers/fake-upstream";
import { callsOf, countersOf, expectError, makeKey, openai, postImage } from "../helpers/gateway";

/** Idempotency-Key on POST /images/generations: a retry after a lost answer (a CDN 524) is billed once. */
let t: TestDb;
let up: FakeUpstream;
let app: AppServer;

beforeAll(async () => {
  t = await createTestDb();
  up = await startFakeUpstream();
  app = await startAppServer(t.url, { TEST_CLOCK: "on", UPSTREAM_BASE_URL: up.baseUrl, UPSTREAM_TIMEOUT_S: "5", LEASE_TTL_S: "10" });
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
  await t?.drop();
});

const idem = (k: string) => ({ "idempotency-key": k });

describe("Idempotency-Key", () => {
  it("the same key and body → the first answer again (status, body, headers), billed once", async () => {
    const { rawKey, key } = await makeKey(t);
    const body = { model: "gpt-image-2", prompt: "a vase [tag:idem1]", quality: "low", n: 2 };
    const first = await postImage(app.baseUrl, body, { key: rawKey, headers: idem("retry-1") });
    expect(first.status).toBe(200);
    const firstText = await first.text();
    const again = await postImage(app.baseUrl, body, { key: rawKey, headers: idem("retry-1") });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(firstText);
    for (const h of ["x-request-id", "x-imgledger-billed-micros", "x-imgledger-price-version", "content-type"]) {
      expect(again.headers.get(h), h).toBe(first.headers.get(h));
    }
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(up.received.filter((r) => r.prompt.includes("[tag:idem1]"))).toHaveLength(1);
    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.http_status, r.cost_micros])).toEqual([[200, "160000"]]);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 2, cost_used: 160_000 });
  });

  it("the official SDK (header passed per request) gets the stored answer on its retry", async () => {
    const { rawKey, key } = await makeKey(t);
    const client = openai(app.baseUrl, rawKey);
    const params = { model: "gpt-image-2", prompt: "sdk [tag:idem-sdk]", quality: "low" as const, size: "1024x1024" as const };
    const a = await client.images.generate(params, { headers: { "Idempotency-Key": "sdk-1" } });
    const b = await client.images.generate(params, { headers: { "Idempotency-Key": "sdk-1" } });
    expect(b.data![0]!.b64_json).toBe(a.data![0]!.b64_json);
    expect(await callsOf(t, key.id)).toHaveLength(1);
  });

  it("the same key with another body → 422 idempotency_key_reused, nothing run or billed", async () => {
    const { rawKey, key } = await makeKey(t);
    expect((await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "one" }, { key: rawKey, headers: idem("k") })).status).toBe(200);
    const asked = up.received.length;
    const err = await expectError(
      await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "two" }, { key: rawKey, headers: idem("k") }),
      422,
      "idempotency_key_reused",
      "Idempotency-Key",
    );
    expect(err.type).toBe("invalid_request_error");
    expect(up.received.length).toBe(asked);
    expect(await callsOf(t, key.id)).toHaveLength(1);
  });

  it("a retry while the first call runs → 409 idempotency_key_in_use; afterwards the stored answer", async () => {
    const { rawKey, key } = await makeKey(t);
    const body = { model: "gpt-image-2", prompt: "[hold:idem-run] [tag:idem-run]", quality: "low" };
    const first = postImage(app.baseUrl, body, { key: rawKey, headers: idem("running") });
    await up.waitForHeld("idem-run", 1);
    const busy = await postImage(app.baseUrl, body, { key: rawKey, headers: idem("running") });
    await expectError(busy, 409, "idempotency_key_in_use", "Idempotency-Key");
    expect(busy.headers.get("retry-after")).toBe("1");
    up.release("idem-run");
    expect((await first).status).toBe(200);
    expect((await postImage(app.baseUrl, body, { key: rawKey, headers: idem("running") })).status).toBe(200);
    expect((await callsOf(t, key.id)).map((r) => r.http_status)).toEqual([200]);
  });

  it("a final 4xx is kept; a 5xx or 429 is not, so the retry runs again", async () => {
    const { rawKey, key } = await makeKey(t);
    const bad = { model: "gpt-image-2", prompt: "x", n: 9 };
    await expectError(await postImage(app.baseUrl, bad, { key: rawKey, headers: idem("bad") }), 400, "invalid_request_error", "n");
    const replay = await postImage(app.baseUrl, bad, { key: rawKey, headers: idem("bad") });
    await expectError(replay, 400, "invalid_request_error", "n");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    const flaky = { model: "gpt-image-2", prompt: "[status:502] [tag:idem-502]" };
    await expectError(await postImage(app.baseUrl, flaky, { key: rawKey, headers: idem("flaky") }), 503, "image_provider_unavailable");
    await expectError(await postImage(app.baseUrl, flaky, { key: rawKey, headers: idem("flaky") }), 503, "image_provider_unavailable");
    expect(up.received.filter((r) => r.prompt.includes("[tag:idem-502]"))).toHaveLength(2);
    expect((await callsOf(t, key.id)).map((r) => [r.http_status, r.error_code])).toEqual([
      [400, "invalid_request_error"],
      [503, "image_provider_unavailable"],
      [503, "image_provider_unavailable"],
    ]);
  });

  it("keys are per API key, expire after 24 h, and a malformed key is a 400 naming the header", async () => {
    const a = await makeKey(t);
    const b = await makeKey(t);
    const body = { model: "gpt-image-2", prompt: "shared [tag:idem-shared]", quality: "low" };
    expect((await postImage(app.baseUrl, body, { key: a.rawKey, headers: idem("same") })).status).toBe(200);
    const other = await postImage(app.baseUrl, body, { key: b.rawKey, headers: idem("same") });
    expect(other.headers.get("idempotent-replayed")).toBeNull();
    const later = new Date(Date.now() + 24 * 3_600_000 + 60_000).toISOString();
    const fresh = await postImage(app.baseUrl, body, { key: a.rawKey, headers: idem("same"), now: later });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    expect(up.received.filter((r) => r.prompt.includes("[tag:idem-shared]"))).toHaveLength(3);
    await expectError(await postImage(app.baseUrl, body, { key: a.rawKey, headers: idem("x".repeat(256)) }), 400, "invalid_request_error", "Idempotency-Key");
  });
});
