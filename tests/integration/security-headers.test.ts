import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenForKey } from "@/lib/keys/hash";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { IMAGE_PATH, makeKey } from "../helpers/gateway";

/**
 * Security headers on every route family, the pages' nonce CSP, and CORS on the gateway only.
 * (tests/e2e/browser-security.test.ts checks the same in Chromium: pages hydrate under the CSP
 * and the reference's browser fetch sample works from another origin.)
 */
let t: TestDb;
let app: AppServer;
let rawKey: string;

beforeAll(async () => {
  t = await createTestDb();
  app = await startAppServer(t.url);
  ({ rawKey } = await makeKey(t));
});
afterAll(async () => {
  await app?.stop();
  await t?.drop();
});

const ORIGIN = "http://other-site.example:5173";

function expectCommonHeaders(res: Response, what: string) {
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), what).toBe("no-referrer");
  expect(res.headers.get("permissions-policy"), what).toBe(
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()",
  );
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
}

function expectNoCors(res: Response, what: string) {
  const cors = [...res.headers.keys()].filter((k) => k.startsWith("access-control-"));
  expect(cors, what).toEqual([]);
}

/** One request of each API route family, as its clients send it. */
function apiRequests(): [string, string, RequestInit][] {
  const key = { authorization: `Bearer ${rawKey}` };
  const token = { authorization: `Bearer ${tokenForKey(rawKey)}` };
  return [
    ["gateway models", "/qcode-img/v1/models", { headers: key }],
    ["gateway model", "/qcode-img/v1/models/gpt-image-2", { headers: key }],
    ["gateway generation", IMAGE_PATH, { method: "POST", headers: { ...key, "content-type": "application/json" }, body: JSON.stringify({ model: "gpt-image-2", prompt: "a vase", quality: "low" }) }],
    ["gateway refusal", IMAGE_PATH, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
    ["gateway 405", IMAGE_PATH, { method: "GET" }],
    ["gateway 404", "/qcode-img/v1/images/edits", { method: "POST", body: "{}" }],
    ["usage overview", "/qcode-img/api/usage/overview", { headers: token }],
    ["usage calls", "/qcode-img/api/usage/calls", { headers: token }],
    ["usage csv", "/qcode-img/api/usage/export.csv", { headers: token }],
    ["ingest", "/qcode-img/api/ledger/events", { method: "POST", headers: { authorization: "Bearer wrong-token-0123456789", "content-type": "application/json" }, body: "{}" }],
    ["health", "/qcode-img/api/health", {}],
    ["unknown API path", "/qcode-img/api/no/such/thing", { method: "POST", body: "{}" }],
    ["API root", "/qcode-img/api", {}],
    ["sign-in API", "/qcode-img/api/auth/session", {}],
    ["sign-in form post", "/qcode-img/api/auth/callback/credentials", { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=a%40b.c&password=x" }],
    ["gateway root", "/qcode-img/v1", {}],
  ];
}

describe("security headers", () => {
  it("every API answer: nosniff, no referrer, no features, no framing, a CSP that allows nothing", async () => {
    for (const [what, path, init] of apiRequests()) {
      const res = await fetch(`${app.baseUrl}${path}`, init);
      await res.arrayBuffer();
      expectCommonHeaders(res, what);
      expect(res.headers.get("content-security-policy"), what).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
    }
  });

  it("every page: a CSP with a fresh nonce on each request, carried by every script Next writes", async () => {
    const nonces = new Set<string>();
    for (const path of ["/qcode-img", "/qcode-img/usage", "/qcode-img/usage?x=1", "/qcode-img/no-such-page"]) {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${app.baseUrl}${path}`);
        const html = await res.text();
        expectCommonHeaders(res, path);
        const csp = res.headers.get("content-security-policy")!;
        const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
        expect(nonce, path).toBeTruthy();
        nonces.add(nonce!);
        expect(csp).toBe(
          `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; ` +
            "img-src 'self' blob: data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
            "form-action 'self'; frame-ancestors 'none'",
        );
        const scripts = html.match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length, path).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      }
    }
    // Two requests never share a nonce.
    expect(nonces.size).toBe(8);
  });

  it("static files carry nosniff and no framing too", async () => {
    const html = await (await fetch(`${app.baseUrl}/qcode-img`)).text();
    const src = /<script[^>]+src="([^"]+\.js)"/.exec(html)![1]!;
    const res = await fetch(`${app.baseUrl}${src}`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("unknown API paths", () => {
  it("are a JSON 404 in the one error shape, not an HTML page", async () => {
    const res = await fetch(`${app.baseUrl}/qcode-img/api/no/such/thing`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(await res.json()).toEqual({
      error: { type: "not_found_error", code: "not_found", message: "No API at POST /qcode-img/api/no/such/thing" },
    });
  });
});

describe("CORS", () => {
  it("the gateway answers a preflight for the reference's headers, any origin, never credentials", async () => {
    for (const path of [IMAGE_PATH, "/qcode-img/v1/models"]) {
      const res = await fetch(`${app.baseUrl}${path}`, {
        method: "OPTIONS",
        headers: {
          origin: ORIGIN,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type, idempotency-key",
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
      expect(res.headers.get("access-control-allow-headers")).toBe("authorization, content-type, idempotency-key");
      expect(res.headers.get("access-control-max-age")).toBe("600");
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
      expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    }
  });

  it("every gateway answer lets a page read the request id and the billing headers", async () => {
    for (const [what, path, init] of apiRequests().filter(([, p]) => p.startsWith("/qcode-img/v1"))) {
      const res = await fetch(`${app.baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), origin: ORIGIN } });
      await res.arrayBuffer();
      expect(res.headers.get("access-control-allow-origin"), what).toBe("*");
      expect(res.headers.get("access-control-expose-headers"), what).toBe(
        "x-request-id, x-imgledger-billed-micros, x-imgledger-price-version, retry-after",
      );
      expect(res.headers.get("access-control-allow-credentials"), what).toBeNull();
    }
  });

  it("cookie and token routes and pages get no CORS headers, preflight or not", async () => {
    const paths = [
      "/qcode-img/api/usage/overview",
      "/qcode-img/api/ledger/events",
      "/qcode-img/api/account/keys",
      "/qcode-img/api/admin/accounts",
      "/qcode-img/api/auth/session",
      "/qcode-img/api/health",
      "/qcode-img",
      "/qcode-img/usage",
    ];
    for (const path of paths) {
      const preflight = await fetch(`${app.baseUrl}${path}`, {
        method: "OPTIONS",
        headers: { origin: ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
      });
      await preflight.arrayBuffer();
      expectNoCors(preflight, `OPTIONS ${path}`);
      const res = await fetch(`${app.baseUrl}${path}`, { headers: { origin: ORIGIN, authorization: `Bearer ${tokenForKey(rawKey)}` } });
      await res.arrayBuffer();
      expectNoCors(res, `GET ${path}`);
    }
  });
});
