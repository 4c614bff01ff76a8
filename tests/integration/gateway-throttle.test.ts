import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { callsOf, eventually, expectError, makeKey, postImage } from "../helpers/gateway";

/**
 * Request rates before any work: per client address and per key, 429 rate_limit_exceeded with
 * Retry-After, counted in aggregate instead of a ledger row each; X-Forwarded-For believed only
 * from TRUSTED_PROXIES.
 */
let t: TestDb;
let direct: AppServer;
let proxied: AppServer;
const PAUSE_MS = 300;
const RATES = {
  GATEWAY_RATE_PER_ADDRESS_PER_S: "5",
  GATEWAY_RATE_BURST_PER_ADDRESS: "0",
  GATEWAY_RATE_PER_KEY_PER_S: "3",
  GATEWAY_RATE_BURST_PER_KEY: "0",
  GATEWAY_REFUSAL_PAUSE_MS: String(PAUSE_MS),
};

beforeAll(async () => {
  t = await createTestDb();
  [direct, proxied] = await Promise.all([
    startAppServer(t.url, RATES),
    // The test process plays the reverse proxy in front of this one.
    startAppServer(t.url, { ...RATES, GATEWAY_RATE_PER_ADDRESS_PER_S: "4", TRUSTED_PROXIES: "127.0.0.1,10.0.0.0/8" }),
  ]);
});
afterAll(async () => {
  await direct?.stop();
  await proxied?.stop();
  await t?.drop();
});

type Throttled = { scope: string; subject: string; key_id: number | null; count: number };
async function throttled(): Promise<Throttled[]> {
  return t.sql<Throttled[]>`select scope, subject, key_id::int as key_id, count from throttled_requests order by scope, subject`;
}

describe("per-key rate", () => {
  it("malformed calls past the key's rate → 429 with Retry-After and no ledger row; the excess counted in aggregate", async () => {
    const { rawKey, key } = await makeKey(t);
    const results = await Promise.all(
      // Each from another client of the proxy, so only the key's own rate applies.
      Array.from({ length: 12 }, (_, i) => postImage(proxied.baseUrl, "{ not json", { key: rawKey, headers: { "x-forwarded-for": `192.0.2.${i + 1}` } })),
    );
    const refused = results.filter((r) => r.status === 429);
    const bad = results.filter((r) => r.status === 400);
    expect(refused.length + bad.length).toBe(12);
    expect(bad.length).toBeGreaterThanOrEqual(3);
    expect(bad.length).toBeLessThanOrEqual(6);
    for (const r of refused) {
      const err = await expectError(r, 429, "rate_limit_exceeded");
      expect(err.type).toBe("rate_limit_error");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    // One ledger row per call that got through, none per throttled one.
    expect((await callsOf(t, key.id)).map((r) => r.http_status)).toEqual(Array(bad.length).fill(400));
    await eventually(async () =>
      expect((await throttled()).filter((r) => r.scope === "key")).toEqual([{ scope: "key", subject: String(key.id), key_id: key.id, count: refused.length }]),
    );
  });
});

describe("per-address rate and X-Forwarded-For", () => {
  it("without TRUSTED_PROXIES the socket address counts: rotating X-Forwarded-For does not help", async () => {
    const hit = (xff: string) => fetch(`${direct.baseUrl}/qcode-img/v1/models`, { headers: { "x-forwarded-for": xff } });
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await hit(`198.51.100.${i}`)).status);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    const res = await hit("198.51.100.200");
    await expectError(res, 429, "rate_limit_exceeded");
    await eventually(async () => {
      const rows = (await throttled()).filter((r) => r.scope === "address");
      expect(rows.map((r) => r.subject)).toContain("127.0.0.1");
      expect(rows.some((r) => r.subject.startsWith("198.51.100."))).toBe(false);
    });
  });

  it("behind a trusted proxy the right-most untrusted hop is the client; what the client prepends is ignored", async () => {
    const hit = (xff: string) => fetch(`${proxied.baseUrl}/qcode-img/v1/models`, { headers: { "x-forwarded-for": xff } });
    for (let i = 0; i < 4; i++) expect((await hit("203.0.113.5")).status).toBe(401);
    await expectError(await hit("203.0.113.5"), 429, "rate_limit_exceeded");
    // A client of the proxy making up earlier hops is still 203.0.113.5; so is one behind another trusted hop.
    await expectError(await hit("1.2.3.4, 203.0.113.5"), 429, "rate_limit_exceeded");
    await expectError(await hit("203.0.113.5, 10.9.9.9"), 429, "rate_limit_exceeded");
    // Another client of the proxy has its own budget.
    expect((await hit("203.0.113.6")).status).toBe(401);
    await eventually(async () =>
      expect((await throttled()).filter((r) => r.subject === "203.0.113.5")).toEqual([
        { scope: "address", subject: "203.0.113.5", key_id: null, count: 3 },
      ]),
    );
  });
});

describe("the front door (per-address refusals before Next routes the request)", () => {
  it("answers in the gateway's envelope and headers, even on a path with no route; a client that keeps sending waits for its answers", async () => {
    const address = "203.0.113.77";
    const hit = (path: string) =>
      fetch(`${proxied.baseUrl}${path}`, { method: "POST", headers: { "x-forwarded-for": address, "content-type": "application/json" }, body: "{}" });
    // Within the address's rate (4 a second on this server) the router answers: no such route.
    for (let i = 0; i < 4; i++) await expectError(await hit("/qcode-img/v1/images/edits"), 404, "not_found");
    // Past it, the front door: 429 before any route is looked up.
    const first = await hit("/qcode-img/v1/images/edits");
    const err = await expectError(first, 429, "rate_limit_exceeded");
    expect(err.type).toBe("rate_limit_error");
    const wait = Number(first.headers.get("retry-after"));
    expect(wait).toBe(1);
    expect(first.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    expect(first.headers.get("access-control-expose-headers")).toContain("retry-after");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    // Sending again without waiting: still refused, and the answer takes the pause.
    const t0 = performance.now();
    const again = await hit("/qcode-img/v1/models");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(PAUSE_MS - 5);
    await expectError(again, 429, "rate_limit_exceeded");
    expect(again.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    // After Retry-After the address is served again, with no pause.
    await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    await expectError(await hit("/qcode-img/v1/images/edits"), 404, "not_found");
    await eventually(async () =>
      expect((await throttled()).filter((r) => r.subject === address)).toEqual([{ scope: "address", subject: address, key_id: null, count: 2 }]),
    );
  });

  it("sees the path as Next routes it: dot segments, percent-encoding and absolute-form targets are no way around it", async () => {
    const address = "203.0.113.78";
    // Exactly as written on the request line (fetch would resolve the dot segments itself).
    const raw = (target: string, extra: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          { host: "127.0.0.1", port: proxied.port, method: "GET", path: target, headers: { "x-forwarded-for": address, ...extra } },
          (res) => {
            let body = "";
            res.on("data", (d: Buffer) => (body += String(d)));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on("error", reject);
        req.end();
      });
    for (let i = 0; i < 4; i++) expect((await raw("/qcode-img/v1/models")).status).toBe(401);
    expect((await raw("/qcode-img/v1/models")).status).toBe(429);
    // All at once, within the same one-second window.
    const targets = [
      "/qcode-img/./v1/models",
      "/qcode-img/x/../v1/models",
      "/qcode-img/%761/models",
      `http://127.0.0.1:${proxied.port}/qcode-img/v1/models`,
    ];
    const answers = await Promise.all(targets.map((target) => raw(target, { "x-imgledger-front-door": "forged" })));
    expect(answers.map((a, i) => [targets[i], a.status, JSON.parse(a.body).error.code])).toEqual(
      targets.map((target) => [target, 429, "rate_limit_exceeded"]),
    );
  });
});
