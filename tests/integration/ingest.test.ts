import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "@/lib/keys/create-key";
import { tokenForKey } from "@/lib/keys/hash";
import type { IngestResult } from "@/lib/ledger/ingest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";

const TOKEN = "test-ingest-token-0123456789";
const NOW = "2026-11-24T04:00:00.000Z";

let t: TestDb;
let app: AppServer;
let keyToken: string;
let keyId: number;
let otherKeyId: number;

beforeAll(async () => {
  t = await createTestDb();
  const a = await createKey(t.db, { accountName: "Ingest Co", alias: "prod" });
  const b = await createKey(t.db, { accountName: "Ingest Co", alias: "chat" });
  keyToken = tokenForKey(a.rawKey);
  keyId = a.key.id;
  otherKeyId = b.key.id;
  app = await startAppServer(t.url, { TEST_CLOCK: "on" });
});
afterAll(async () => {
  await app?.stop();
  await t?.drop();
});

function post(body: string | object, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}/qcode-img/api/ledger/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "x-imgledger-now": NOW, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const imageEvent = (over: Record<string, unknown> = {}) => ({
  request_id: "img-1",
  key_token: keyToken,
  kind: "image",
  model: "gpt-image-2",
  created_at: "2026-11-24T07:59:59+08:00",
  latency_ms: 81_000,
  region: "hk",
  status: 200,
  prompt_preview: "一张春节海报，大字“新春快乐”",
  image: { size: "1024x1024", quality: "high", n: 2, images: 2, cost_micros: 1 },
  ...over,
});

const chatEvent = (over: Record<string, unknown> = {}) => ({
  request_id: "chat-1",
  key_id: otherKeyId,
  kind: "chat",
  model: "claude-sonnet-4-5",
  created_at: "2026-11-23T15:59:59Z",
  latency_ms: 4_200,
  status: 200,
  chat: { input_tokens: 1_200, output_tokens: 350, cost_micros: 8_850 },
  ...over,
});

describe("POST /qcode-img/api/ledger/events", () => {
  it("401 without the service token or with a wrong one, in the one error shape", async () => {
    const none = await fetch(`${app.baseUrl}/qcode-img/api/ledger/events`, { method: "POST", body: "{}" });
    expect(none.status).toBe(401);
    const wrong = await post({ events: [imageEvent()] }, { authorization: "Bearer test-ingest-token-0123456780" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: { type: "authentication_error", code: "invalid_ingest_token", message: "Send `Authorization: Bearer <INGEST_TOKEN>`" },
    });
    const [n] = await t.sql`select count(*)::int as n from calls`;
    expect(n!.n).toBe(0);
  });

  it("records the good events, reports duplicates and rejects the bad ones with a reason", async () => {
    const events = [
      imageEvent(),
      chatEvent(),
      imageEvent({ created_at: "2026-11-24T08:00:00+08:00" }), // same request id: a retry
      imageEvent({ request_id: "img-fail", status: 503, error_code: "image_provider_unavailable", image: { size: "1024x1024", quality: "low", n: 1, images: 0 } }),
      imageEvent({ request_id: "img-low", key_token: undefined, key_id: keyId, image: { size: "1536x1024", quality: "low", n: 3, images: 3 } }),
      { request_id: "no-kind", key_id: keyId },
      imageEvent({ request_id: "bad-key", key_token: "f".repeat(64) }),
      chatEvent({ request_id: "billed-failure", status: 429, error_code: "crs_daily_exhausted" }),
      imageEvent({ request_id: "no-offset", created_at: "2026-11-24T08:00:00" }),
      imageEvent({ request_id: "unpriced", image: { size: "1792x1024", quality: "high", n: 1, images: 1 } }),
      imageEvent({ request_id: "future", created_at: "2026-11-24T05:00:00Z" }),
      "not an event",
      imageEvent({ request_id: "ultra", image: { size: "1024x1024", quality: "ultra", n: 1, images: 1 } }),
    ];
    const res = await post({ events });
    expect(res.status).toBe(200);
    const body = (await res.json()) as IngestResult;
    expect({ accepted: body.accepted, duplicates: body.duplicates, rejected: body.rejected }).toEqual({ accepted: 4, duplicates: 1, rejected: 8 });
    expect(body.results).toEqual([
      { index: 0, request_id: "img-1", status: "accepted" },
      { index: 1, request_id: "chat-1", status: "accepted" },
      { index: 2, request_id: "img-1", status: "duplicate" },
      { index: 3, request_id: "img-fail", status: "accepted" },
      { index: 4, request_id: "img-low", status: "accepted" },
      { index: 5, request_id: "no-kind", status: "rejected", reason: expect.stringMatching(/^kind: .*; model: .*; created_at: .*latency_ms: .*status/) },
      { index: 6, request_id: "bad-key", status: "rejected", reason: "key_token: no key matches this token" },
      { index: 7, request_id: "billed-failure", status: "rejected", reason: "chat.cost_micros: a failed call is not billed" },
      { index: 8, request_id: "no-offset", status: "rejected", reason: "created_at: must be an ISO 8601 time with a zone offset" },
      { index: 9, request_id: "unpriced", status: "rejected", reason: "image: no price for size 1792x1024 and quality high" },
      { index: 10, request_id: "future", status: "rejected", reason: "created_at: is in the future" },
      { index: 11, request_id: null, status: "rejected", reason: expect.stringMatching(/^event: .*object/) },
      { index: 12, request_id: "ultra", status: "rejected", reason: "image.quality: must be one of low, medium, high" },
    ]);

    const rows = await t.sql`select request_id, key_id::int, kind::text, billing_day::text, cost_micros::int as cost,
      images_delivered as images, http_status, error_code, unit_price_micros::int as unit, price_version, prompt_preview,
      input_tokens, output_tokens from calls order by request_id`;
    expect(rows).toEqual([
      { request_id: "chat-1", key_id: otherKeyId, kind: "chat", billing_day: "2026-11-23", cost: 8_850, images: 0, http_status: 200, error_code: null, unit: null, price_version: null, prompt_preview: null, input_tokens: 1_200, output_tokens: 350 },
      // Cost from the price book (2 × $0.211), not the 1 micro the event claimed.
      { request_id: "img-1", key_id: keyId, kind: "image", billing_day: "2026-11-24", cost: 422_000, images: 2, http_status: 200, error_code: null, unit: 211_000, price_version: 1, prompt_preview: "一张春节海报，大字“新春快乐”", input_tokens: null, output_tokens: null },
      { request_id: "img-fail", key_id: keyId, kind: "image", billing_day: "2026-11-24", cost: 0, images: 0, http_status: 503, error_code: "image_provider_unavailable", unit: null, price_version: null, prompt_preview: "一张春节海报，大字“新春快乐”", input_tokens: null, output_tokens: null },
      // Low quality hits the $0.08 floor: 3 × $0.08.
      { request_id: "img-low", key_id: keyId, kind: "image", billing_day: "2026-11-24", cost: 240_000, images: 3, http_status: 200, error_code: null, unit: 9_400, price_version: 1, prompt_preview: "一张春节海报，大字“新春快乐”", input_tokens: null, output_tokens: null },
    ]);
    const rollup = await t.sql`select key_id::int, day::text, kind::text, size, quality, error_code, calls, images, cost_micros::int as cost
      from usage_daily order by key_id, day, size, quality, error_code`;
    expect(rollup).toEqual([
      { key_id: keyId, day: "2026-11-24", kind: "image", size: "1024x1024", quality: "high", error_code: "", calls: 1, images: 2, cost: 422_000 },
      { key_id: keyId, day: "2026-11-24", kind: "image", size: "1024x1024", quality: "low", error_code: "image_provider_unavailable", calls: 1, images: 0, cost: 0 },
      { key_id: keyId, day: "2026-11-24", kind: "image", size: "1536x1024", quality: "low", error_code: "", calls: 1, images: 3, cost: 240_000 },
      { key_id: otherKeyId, day: "2026-11-23", kind: "chat", size: "", quality: "", error_code: "", calls: 1, images: 0, cost: 8_850 },
    ]);
  });

  it("treats a replayed batch as duplicates and changes no total", async () => {
    const res = await post({ events: [imageEvent(), chatEvent()] });
    expect(((await res.json()) as IngestResult).results.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);
    const [k] = await t.sql`select sum(spent_total_micros)::int as spent from api_keys`;
    expect(k!.spent).toBe(422_000 + 240_000 + 8_850);
  });

  it("400 for more than 1,000 events, naming the limit, and for a body that is not JSON", async () => {
    const many = Array.from({ length: 1_001 }, (_, i) => chatEvent({ request_id: `many-${i}` }));
    const res = await post({ events: many });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { type: "invalid_request_error", code: "too_many_events", message: "At most 1,000 events per request, got 1,001: split the batch" },
    });
    const bad = await post("{events: nope");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { type: "invalid_request_error", code: "invalid_json", message: "The body is not valid JSON" } });
    const [n] = await t.sql`select count(*)::int as n from calls where request_id like 'many-%'`;
    expect(n!.n).toBe(0);
  });

  it("413 for a body over 5 MiB, by Content-Length and by the streamed size", async () => {
    const big = JSON.stringify({ events: [chatEvent({ prompt_preview: "x".repeat(5 * 1024 * 1024) })] });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");

    // Chunked, without Content-Length: the server must count what it reads.
    const chunk = new TextEncoder().encode("x".repeat(256 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 24) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${app.baseUrl}/qcode-img/api/ledger/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual({
      error: { type: "invalid_request_error", code: "payload_too_large", message: "The body is over the limit of 5,242,880 bytes (5 MiB)" },
    });
  });

  it("503 saying ingest is not configured when INGEST_TOKEN is unset", async () => {
    const closed = await startAppServer(t.url, { INGEST_TOKEN: "" });
    try {
      const res = await fetch(`${closed.baseUrl}/qcode-img/api/ledger/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ events: [chatEvent({ request_id: "closed" })] }),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error: { type: "server_error", code: "ingest_not_configured", message: "Ingest is not configured on this server: set INGEST_TOKEN to enable it" },
      });
    } finally {
      await closed.stop();
    }
  });
});

describe("text the ledger cannot store", () => {
  it("a NUL or a lone surrogate in any stored string → that event rejected naming the field; the others recorded", async () => {
    // On a connection of its own: an earlier test's early 413 can leave the pooled one broken.
    const res = await postFresh({
      events: [
        chatEvent({ request_id: "nul-model", model: "claude\u0000" }),
        chatEvent({ request_id: "nul-\u0000-id" }),
        imageEvent({ request_id: "nul-prompt", prompt_preview: "a\u0000b" }),
        imageEvent({ request_id: "lone-region", region: "hk\uD800" }),
        chatEvent({ request_id: "fine-after-nul" }),
      ],
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as IngestResult;
    const reason = "must not contain NUL (\\u0000) characters or unpaired UTF-16 surrogates";
    expect(body.results.map((r) => [r.status, r.reason])).toEqual([
      ["rejected", `model: ${reason}`],
      ["rejected", `request_id: ${reason}`],
      ["rejected", `prompt_preview: ${reason}`],
      ["rejected", `region: ${reason}`],
      ["accepted", undefined],
    ]);
    const [n] = await t.sql<{ n: number }[]>`select count(*)::int as n from calls where request_id in ('nul-model', 'nul-prompt', 'lone-region', 'fine-after-nul')`;
    expect(n!.n).toBe(1);
  });
});

function postFresh(body: object): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${app.baseUrl}/qcode-img/api/ledger/events`,
      {
        method: "POST",
        agent: false,
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "x-imgledger-now": NOW, "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
