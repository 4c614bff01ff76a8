import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayForm, tokenForKey } from "@/lib/keys/hash";
import { beijingTimestamp } from "@/lib/usage/csv";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { callsOf, expectError, IMAGE_PATH, makeKey, postImage, REQUEST_ID } from "../helpers/gateway";

/**
 * The edges of the HTTP surface: every gateway answer in the OpenAI envelope with its request id,
 * bodies that are not JSON, several Authorization headers, crafted cursors, CSV cells a
 * spreadsheet would run, the health check.
 */
let t: TestDb;
let app: AppServer;
const INGEST = "test-ingest-token-0123456789";

beforeAll(async () => {
  t = await createTestDb();
  app = await startAppServer(t.url, { USAGE_RATE_LIMIT_PER_MIN: "1000" });
});
afterAll(async () => {
  await app?.stop();
  await t?.drop();
});

const v1 = (path: string) => `${app.baseUrl}/qcode-img/v1${path}`;

/** A request exactly as written on the wire (fetch would normalise what these tests need raw). */
function rawHttp(port: number, head: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [headText, ...rest] = text.split("\r\n\r\n");
      const [statusLine, ...lines] = headText!.split("\r\n");
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      let body = rest.join("\r\n\r\n");
      if (headers["transfer-encoding"] === "chunked") {
        let out = "";
        for (let i = 0; ; ) {
          const eol = body.indexOf("\r\n", i);
          const size = parseInt(body.slice(i, eol), 16);
          if (!size) break;
          out += body.slice(eol + 2, eol + 2 + size);
          i = eol + 2 + size + 2;
        }
        body = out;
      }
      resolve({ status: Number(statusLine!.split(" ")[1]), headers, body });
    });
  });
}

describe("every answer under /qcode-img/v1 is the OpenAI envelope with its request id", () => {
  it("405 with Allow for the other methods of /images/generations and /models", async () => {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const res = await fetch(v1("/images/generations"), { method });
      expect(res.headers.get("allow"), method).toBe("POST, OPTIONS");
      const err = await expectError(res, 405, "method_not_allowed");
      expect(err.message).toBe(`${method} is not allowed on /qcode-img/v1/images/generations: use POST`);
    }
    for (const path of ["/models", "/models/gpt-image-2"]) {
      const res = await fetch(v1(path), { method: "POST", body: "{}" });
      expect(res.headers.get("allow")).toBe("GET, OPTIONS");
      await expectError(res, 405, "method_not_allowed");
    }
  });

  it("404 not_found for paths the gateway does not serve, whatever the method", async () => {
    const { rawKey } = await makeKey(t);
    for (const [method, path] of [
      ["POST", "/images/edits"],
      ["POST", "/chat/completions"],
      ["GET", "/images"],
      ["DELETE", "/images/generations/extra"],
      ["GET", "/embeddings"],
      ["GET", ""],
    ] as const) {
      const res = await fetch(v1(path), { method, headers: { authorization: `Bearer ${rawKey}` }, body: method === "POST" ? "{}" : undefined });
      const err = await expectError(res, 404, "not_found");
      expect(err).toMatchObject({ type: "invalid_request_error" });
      expect(err.message).toBe(`Invalid URL (${method} /qcode-img/v1${path}): this gateway serves POST /images/generations and GET /models`);
    }
  });

  it("a path that is not valid percent-encoding: 400 in the envelope, not a plain-text 500", async () => {
    for (const path of ["/qcode-img/v1/models/%ZZ", "/qcode-img/v1/models/%C0", "/qcode-img/v1/images/%E4%B8"]) {
      const res = await rawHttp(app.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(res.status, path).toBe(400);
      expect(res.headers["x-request-id"]).toMatch(REQUEST_ID);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(res.body)).toEqual({
        error: { type: "invalid_request_error", code: "invalid_path", message: "The path is not valid percent-encoded UTF-8" },
      });
    }
  });
});

describe("the request body must be declared JSON", () => {
  it("415 for text/plain and for no content type, before any work, recorded for the key", async () => {
    const { rawKey, key } = await makeKey(t);
    const body = JSON.stringify({ model: "gpt-image-2", prompt: "a vase", size: "1024x1024", quality: "low" });
    const plain = await fetch(v1("/images/generations"), {
      method: "POST",
      headers: { authorization: `Bearer ${rawKey}`, "content-type": "text/plain" },
      body,
    });
    const err = await expectError(plain, 415, "unsupported_media_type", "Content-Type");
    expect(err).toEqual({
      type: "invalid_request_error",
      code: "unsupported_media_type",
      message: "Send the body as JSON with the header `Content-Type: application/json`",
      param: "Content-Type",
    });
    // A byte array gets no content type from fetch.
    const untyped = await fetch(v1("/images/generations"), {
      method: "POST",
      headers: { authorization: `Bearer ${rawKey}` },
      body: new TextEncoder().encode(body),
    });
    expect(untyped.headers.get("content-type")).toMatch(/^application\/json/);
    await expectError(untyped, 415, "unsupported_media_type", "Content-Type");

    const rows = await callsOf(t, key.id);
    expect(rows.map((r) => [r.http_status, r.error_code, r.cost_micros, r.images_delivered, r.prompt_preview])).toEqual([
      [415, "unsupported_media_type", "0", 0, null],
      [415, "unsupported_media_type", "0", 0, null],
    ]);
    const [counter] = await t.sql<{ n: number }[]>`select count(*)::int as n from key_day_counters where key_id = ${key.id} and images_used > 0`;
    expect(counter!.n).toBe(0);
  });

  it("application/json with a charset is JSON", async () => {
    const { rawKey, key } = await makeKey(t);
    const res = await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "a vase", quality: "low" }, {
      key: rawKey,
      headers: { "content-type": "Application/JSON; charset=utf-8" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await callsOf(t, key.id)).map((r) => [r.http_status, r.cost_micros])).toEqual([[200, "80000"]]);
  });
});

describe("several Authorization headers", () => {
  it("joined by ', ': 400 naming the header, on the gateway, the usage API and ingest; nothing recorded", async () => {
    const a = await makeKey(t);
    const b = await makeKey(t);
    const both = [
      ["authorization", `Bearer ${a.rawKey}`],
      ["authorization", `Bearer ${b.rawKey}`],
      ["content-type", "application/json"],
    ] as [string, string][];
    const res = await fetch(`${app.baseUrl}${IMAGE_PATH}`, {
      method: "POST",
      headers: both,
      body: JSON.stringify({ model: "gpt-image-2", prompt: "a vase" }),
    });
    const err = await expectError(res, 400, "invalid_request_error", "Authorization");
    expect(err.message).toBe("Send one Authorization header: this request carries several");
    expect(await callsOf(t, a.key.id)).toEqual([]);
    expect(await callsOf(t, b.key.id)).toEqual([]);

    const usage = await fetch(`${app.baseUrl}/qcode-img/api/usage/overview`, {
      headers: [
        ["authorization", `Bearer ${tokenForKey(a.rawKey)}`],
        ["authorization", `Bearer ${tokenForKey(b.rawKey)}`],
      ],
    });
    await expectError(usage, 400, "invalid_request_error", "Authorization");
    const ingest = await fetch(`${app.baseUrl}/qcode-img/api/ledger/events`, {
      method: "POST",
      headers: [
        ["authorization", `Bearer ${INGEST}`],
        ["authorization", "Bearer someone-else-0123456789"],
        ["content-type", "application/json"],
      ],
      body: JSON.stringify({ events: [] }),
    });
    await expectError(ingest, 400, "invalid_request_error", "Authorization");
  });

  it("as two header lines (curl -H twice): 400 as well, not the first one winning", async () => {
    const a = await makeKey(t);
    const b = await makeKey(t);
    const body = JSON.stringify({ model: "gpt-image-2", prompt: "a vase", quality: "low" });
    const res = await rawHttp(
      app.port,
      `POST ${IMAGE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${a.rawKey}\r\nAuthorization: Bearer ${b.rawKey}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(res.status, res.body).toBe(400);
    expect(res.headers["x-request-id"]).toMatch(REQUEST_ID);
    expect(JSON.parse(res.body)).toEqual({
      error: {
        type: "invalid_request_error",
        code: "invalid_request_error",
        message: "Send one Authorization header: this request carries several",
        param: "Authorization",
      },
    });
    expect(await callsOf(t, a.key.id)).toEqual([]);
    expect(await callsOf(t, b.key.id)).toEqual([]);
  });
});

describe("call-list cursors are input", () => {
  const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

  it("a crafted cursor is 400 invalid_cursor, and no SQL reaches the log", async () => {
    const { rawKey } = await makeKey(t);
    const token = tokenForKey(rawKey);
    const logStart = app.logs.length;
    for (const cursor of [
      b64({ t: "2026", i: 1 }),
      b64({ t: "2026-11-24T00:00:00.000000Z", i: -1 }),
      b64({ t: "2026-11-24T00:00:00.000000Z", i: 1.5 }),
      b64({ t: "2026-11-24T00:00:00.000000Z", i: "1" }),
      b64({ t: "2026-02-30T00:00:00.000000Z", i: 1 }),
      b64({ t: "0000-01-01T00:00:00.000000Z", i: 1 }),
      b64({ t: "2026-11-24T00:00:00.000000Z", i: 1, x: "'; drop table calls; --" }),
      b64({ t: "2026-11-24T00:00:00.000000Z", i: 1e300 }),
      b64([]),
      b64("null"),
      "not base64 at all!",
    ]) {
      const res = await fetch(`${app.baseUrl}/qcode-img/api/usage/calls?cursor=${encodeURIComponent(cursor)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const err = await expectError(res, 400, "invalid_cursor", "cursor");
      expect(err.message).toBe("Invalid cursor: pass the nextCursor of the previous page");
    }
    expect(app.logs.slice(logStart).join("")).not.toMatch(/select|failed/i);
  });

  it("the cursor of a page still leads to the next one", async () => {
    const { rawKey, key } = await makeKey(t);
    for (let i = 0; i < 3; i++) {
      const res = await postImage(app.baseUrl, { model: "gpt-image-2", prompt: `p${i}`, quality: "low" }, { key: rawKey });
      expect(res.status).toBe(200);
    }
    const ids = (await callsOf(t, key.id)).map((r) => r.request_id).reverse();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await fetch(
        `${app.baseUrl}/qcode-img/api/usage/calls?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { headers: { authorization: `Bearer ${tokenForKey(rawKey)}` } },
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as { calls: { requestId: string }[]; nextCursor: string | null };
      seen.push(...page.calls.map((c) => c.requestId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });
});

describe("CSV export", () => {
  it("neutralises every cell a spreadsheet would run as a formula, from ingested request ids and models", async () => {
    const { rawKey } = await makeKey(t);
    const token = tokenForKey(rawKey);
    const hostile = ["-2+3+cmd|' /C calc'!A0", "\tTAB", "\rCR", " =1+1", "@SUM(A1)", "+1", "=HYPERLINK(\"x\")"];
    const now = Date.now();
    const events = hostile.map((text, i) => ({
      request_id: text,
      key_token: token,
      kind: "chat",
      model: text,
      created_at: new Date(now - (i + 1) * 60_000).toISOString(),
      latency_ms: 100,
      status: 200,
      chat: { input_tokens: 1, output_tokens: 1, cost_micros: 10 },
    }));
    const ingest = await fetch(`${app.baseUrl}/qcode-img/api/ledger/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST}`, "content-type": "application/json" },
      body: JSON.stringify({ events }),
    });
    expect(ingest.status, await ingest.clone().text()).toBe(200);
    expect(((await ingest.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(hostile.map(() => "accepted"));

    const csv = await fetch(`${app.baseUrl}/qcode-img/api/usage/export.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    const rows = text.slice(1).split("\r\n").slice(1, -1);
    // Newest first: the order the events were sent. Model and request id are the same text.
    const expected = [
      "'-2+3+cmd|' /C calc'!A0",
      "'\tTAB",
      "\"'\rCR\"",
      "' =1+1",
      "'@SUM(A1)",
      "'+1",
      "\"'=HYPERLINK(\"\"x\"\")\"",
    ];
    expect(rows).toEqual(
      expected.map((cell, i) => `${beijingTimestamp(events[i]!.created_at)},${displayForm(rawKey)},chat,${cell},,,1,0,,,,10,0.0000,200,,100,${cell},`),
    );
  });
});

describe("CSV export of an empty range", () => {
  it("ends after its header instead of hanging", async () => {
    const { rawKey } = await makeKey(t);
    const res = await fetch(`${app.baseUrl}/qcode-img/api/usage/export.csv`, {
      headers: { authorization: `Bearer ${tokenForKey(rawKey)}` },
      signal: AbortSignal.timeout(5_000),
    });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toBe(
      "time (Asia/Shanghai UTC+8),key,kind,model,size,quality,n,images,unit_price_micros,unit_price_usd,floor_applied,billed_micros,billed_usd,http_status,error_code,latency_ms,request_id,engine\r\n",
    );
  });
});

describe("a failing query", () => {
  it("is a 500 that leaks nothing, logged with the database's error but not the SQL and its ids", async () => {
    const { rawKey } = await makeKey(t);
    const logStart = app.logs.length;
    await t.sql`alter table usage_daily rename to usage_daily_gone`;
    try {
      const res = await fetch(`${app.baseUrl}/qcode-img/api/usage/summary`, { headers: { authorization: `Bearer ${tokenForKey(rawKey)}` } });
      const err = await expectError(res, 500, "internal_error");
      expect(err.message).toBe("Internal server error");
    } finally {
      await t.sql`alter table usage_daily_gone rename to usage_daily`;
    }
    const log = app.logs.slice(logStart).join("");
    expect(log).toContain('query failed: PostgresError: relation "usage_daily" does not exist');
    expect(log).not.toMatch(/select|params:/i);
  });
});

describe("health", () => {
  it("answers through the route core, with its request id", async () => {
    const res = await fetch(`${app.baseUrl}/qcode-img/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(REQUEST_ID);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ ok: true });
  });
});
