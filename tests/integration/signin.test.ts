import { decode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { TEST_AUTH_SECRET } from "../helpers/session";
import { request, seedSignIns, signIn } from "../helpers/signin";

const PW = "correct horse battery";
const CUSTOMER = "ops@acme.test";
const SUPPORT = "sam@imgledger.test";

let t: TestDb;
let app: AppServer;
let ids: Map<string, number>;
let port: number;

/** Each test its own client address, so one test's failures never throttle another's. */
let addressSeq = 10;
/** A session from before the restart in the throttle test. */
let earlierSession = "";
const from = () => ({ "x-forwarded-for": `198.51.100.${addressSeq++}` });

beforeAll(async () => {
  t = await createTestDb();
  ids = await seedSignIns(t.db, [
    { email: CUSTOMER, password: PW, role: "customer" },
    { email: SUPPORT, password: PW, role: "support" },
    { email: "gone@acme.test", password: PW, role: "customer", disabled: true },
    { email: "later-gone@acme.test", password: PW, role: "customer" },
    { email: "guessed@acme.test", password: PW, role: "customer" },
    { email: "crowded@acme.test", password: PW, role: "customer" },
  ]);
  // The test plays many clients through one proxy: the X-Forwarded-For it sends names each of them.
  app = await startAppServer(t.url, { TRUSTED_PROXIES: "127.0.0.1" });
  port = app.port;
});
afterAll(async () => {
  await app?.stop();
  await t?.drop();
});

const me = async (cookie: string, headers: Record<string, string> = {}) =>
  (await request(port, { path: "/qcode-img/api/me", headers: { cookie, ...headers } })).json().user;

describe("sign-in with email and password", () => {
  it("sets a session cookie that the app's session reader accepts, and records the sign-in", async () => {
    const { answer, cookie } = await signIn(port, "  OPS@Acme.test ", PW, { headers: from() });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ url: "/qcode-img/signin" });
    const session = answer.setCookies.find((c) => c.startsWith("next-auth.session-token="))!;
    expect(session).toMatch(/; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/);
    const claims = await decode({ token: session.split(";")[0]!.split("=")[1]!, secret: TEST_AUTH_SECRET });
    expect(claims).toMatchObject({ sub: String(ids.get(CUSTOMER)), email: CUSTOMER });
    expect(await me(cookie)).toEqual({ email: CUSTOMER, role: "customer", accountName: "Acme Studio" });
    earlierSession = cookie;
    const [row] = await t.sql`select last_sign_in_at from users where email = ${CUSTOMER}`;
    expect(Date.now() - new Date(row!.last_sign_in_at).getTime()).toBeLessThan(30_000);
  });

  it("without a session, me is null and the sign-in page is served", async () => {
    expect(await me("")).toBeNull();
    const page = await request(port, { path: "/qcode-img/signin" });
    expect(page.status).toBe(200);
    expect(page.text).toContain("<title>Sign in · imgledger</title>");
  });

  it("gives one answer whether the email is unknown or the password wrong, in similar time", async () => {
    const timed = async (email: string) => {
      const started = performance.now();
      const { answer } = await signIn(port, email, "not the password", { headers: from() });
      return { ms: performance.now() - started, answer };
    };
    // Interleaved, so a burst of load elsewhere on the machine hits both kinds alike.
    const wrong: Awaited<ReturnType<typeof timed>>[] = [];
    const unknown: typeof wrong = [];
    for (let i = 0; i < 3; i++) {
      wrong.push(await timed(CUSTOMER));
      unknown.push(await timed(`nobody-${i}@acme.test`));
    }
    for (const { answer } of [...wrong, ...unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.json()).toEqual({ url: `http://127.0.0.1:${port}/qcode-img/api/auth/error?error=CredentialsSignin&provider=credentials` });
      expect(answer.setCookies.some((c) => c.startsWith("next-auth.session-token="))).toBe(false);
    }
    // An unknown email is checked against a dummy hash: it must not answer much faster.
    const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[1]!;
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
    // The email's failures are cleared by the next good sign-in.
    expect((await signIn(port, CUSTOMER, PW, { headers: from() })).answer.status).toBe(200);
  });

  it("refuses a disabled user, and a user disabled later loses the open session at once", async () => {
    const disabled = await signIn(port, "gone@acme.test", PW, { headers: from() });
    expect(disabled.answer.status).toBe(401);
    expect(disabled.answer.json().url).toContain("error=AccountDisabled");
    const wrong = await signIn(port, "gone@acme.test", "nope-nope-nope", { headers: from() });
    expect(wrong.answer.json().url).toContain("error=CredentialsSignin");

    const { cookie } = await signIn(port, "later-gone@acme.test", PW, { headers: from() });
    expect((await me(cookie)).email).toBe("later-gone@acme.test");
    await t.sql`update users set disabled_at = now() where email = 'later-gone@acme.test'`;
    expect(await me(cookie)).toBeNull();
  });

  it("sends customers to the dashboard and staff to the console, or to a same-site callbackUrl", async () => {
    const customer = (await signIn(port, CUSTOMER, PW, { headers: from() })).cookie;
    const staff = (await signIn(port, SUPPORT, PW, { headers: from() })).cookie;
    const land = async (cookie: string, query = "") => {
      const r = await request(port, { path: `/qcode-img/signin${query}`, headers: { cookie } });
      expect(r.status).toBe(307);
      return r.headers.location;
    };
    expect(await land(customer)).toBe("/qcode-img/dashboard");
    expect(await land(staff)).toBe("/qcode-img/admin");
    expect(await land(customer, "?callbackUrl=%2Fqcode-img%2Fusage%3Fx%3D1")).toBe("/qcode-img/usage?x=1");
    for (const evil of ["https://evil.example/qcode-img", "//evil.example/qcode-img", "/\\evil.example", "/elsewhere"]) {
      expect(await land(customer, `?callbackUrl=${encodeURIComponent(evil)}`)).toBe("/qcode-img/dashboard");
    }
    // next-auth's own answer carries a callbackUrl only when it is ours.
    const ok = await signIn(port, CUSTOMER, PW, { headers: from(), callbackUrl: "/qcode-img/usage" });
    expect(ok.answer.json()).toEqual({ url: "/qcode-img/usage" });
    const off = await signIn(port, CUSTOMER, PW, { headers: from(), callbackUrl: "https://evil.example/" });
    expect(off.answer.json()).toEqual({ url: "/qcode-img/signin" });
  });

  it("without JavaScript, a wrong password comes back to the sign-in page under /qcode-img", async () => {
    const { answer, csrfCookie } = await signIn(port, CUSTOMER, "wrong-wrong-wrong", { headers: from(), json: false });
    expect(answer.status).toBe(302);
    let location = answer.headers.location!;
    expect(location).toBe(`http://127.0.0.1:${port}/qcode-img/api/auth/error?error=CredentialsSignin&provider=credentials`);
    for (let hop = 0; hop < 3 && location.includes("/api/auth/"); hop++) {
      const next = await request(port, { path: new URL(location, `http://127.0.0.1:${port}`).pathname + new URL(location, "http://x").search, headers: { cookie: csrfCookie } });
      location = next.headers.location!;
    }
    expect(location).toMatch(/^\/qcode-img\/signin\?callbackUrl=.*&error=CredentialsSignin$/);
  });

  it("signs out: the session cookie is cleared", async () => {
    const { cookie } = await signIn(port, CUSTOMER, PW, { headers: from() });
    const csrf = await request(port, { path: "/qcode-img/api/auth/csrf", headers: { cookie } });
    const out = await request(port, {
      method: "POST",
      path: "/qcode-img/api/auth/signout",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.json().csrfToken, json: "true", callbackUrl: "/qcode-img" }).toString(),
    });
    expect(out.status).toBe(200);
    expect(out.json()).toEqual({ url: "/qcode-img" });
    expect(out.setCookies.find((c) => c.startsWith("next-auth.session-token="))).toMatch(/^next-auth\.session-token=; .*Max-Age=0/);
  });
});

describe("whatever host the browser used", () => {
  for (const host of ["localhost", "127.0.0.1", "192.168.1.20"]) {
    it(`works when reached as ${host}`, async () => {
      const headers = { host: `${host}:${port}`, ...from() };
      const { answer, cookie, csrfCookie } = await signIn(port, CUSTOMER, PW, { headers });
      expect(answer.status).toBe(200);
      // Plain http: cookies without Secure, so the browser keeps them.
      expect(csrfCookie).toMatch(/^next-auth\.csrf-token=/);
      expect(answer.setCookies.every((c) => !/; Secure/i.test(c))).toBe(true);
      expect((await me(cookie, { host: `${host}:${port}` })).email).toBe(CUSTOMER);
      const wrong = await signIn(port, CUSTOMER, "wrong-wrong-wrong", { headers });
      expect(wrong.answer.json().url).toBe(`http://${host}:${port}/qcode-img/api/auth/error?error=CredentialsSignin&provider=credentials`);
      expect((await signIn(port, CUSTOMER, PW, { headers })).answer.status).toBe(200);
    });
  }

  it("behind a TLS proxy (x-forwarded-proto: https), uses __Secure- cookies that the app still reads", async () => {
    const headers = { host: `img.example.com`, "x-forwarded-proto": "https", ...from() };
    const { answer, cookie } = await signIn(port, CUSTOMER, PW, { headers });
    expect(answer.status).toBe(200);
    expect(answer.setCookies.find((c) => c.startsWith("__Secure-next-auth.session-token="))).toMatch(/; Secure/);
    expect((await me(cookie, { host: "img.example.com" })).email).toBe(CUSTOMER);
  });
});

describe("throttle", () => {
  const tooMany = (answer: { status: number; headers: Record<string, unknown>; json: () => any }, windowS = 15 * 60) => {
    expect(answer.status).toBe(429);
    const wait = Number(answer.headers["retry-after"]);
    expect(wait).toBeGreaterThan(windowS - 120);
    expect(wait).toBeLessThanOrEqual(windowS);
    expect(answer.json()).toEqual({
      error: { type: "rate_limit_error", code: "too_many_sign_in_attempts", message: `Too many failed sign-ins: try again in ${Math.ceil(wait / 60)} minutes` },
    });
  };

  it("answers 429 with Retry-After after 5 failures of one email from anywhere, even to the right password, and still after a restart", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn(port, "guessed@acme.test", `guess-${i}-guess`, { headers: from() })).answer.status).toBe(401);
    }
    tooMany((await signIn(port, "Guessed@acme.test", PW, { headers: from() })).answer);
    // Other emails from a fresh address are not affected.
    expect((await signIn(port, CUSTOMER, PW, { headers: from() })).answer.status).toBe(200);

    await app.stop();
    app = await startAppServer(t.url, { TRUSTED_PROXIES: "127.0.0.1" });
    port = app.port;
    tooMany((await signIn(port, "guessed@acme.test", PW, { headers: from() })).answer);
    // Sessions survive the restart too (same secret).
    expect((await me(earlierSession)).email).toBe(CUSTOMER);
    const [row] = await t.sql`select count(*)::int as n from rate_limits where key like 'signin-email:%'`;
    expect(row!.n).toBeGreaterThan(0);
  });

  it("answers 429 after 20 failures from one address, whatever the emails", async () => {
    const crowd = { "x-forwarded-for": "203.0.113.9" };
    for (let i = 0; i < 20; i++) {
      expect((await signIn(port, `someone-${i}@acme.test`, "guess-guess", { headers: crowd })).answer.status).toBe(401);
    }
    tooMany((await signIn(port, "crowded@acme.test", PW, { headers: crowd })).answer);
    // The same person from another address is fine.
    expect((await signIn(port, "crowded@acme.test", PW, { headers: from() })).answer.status).toBe(200);
  }, 120_000);
});

describe("session secret", () => {
  it("a production server without NEXTAUTH_SECRET refuses to start, saying why", async () => {
    const started = startAppServer(t.url, { NEXTAUTH_SECRET: "" });
    await expect(started).rejects.toThrow(/next start exited:[\s\S]*cannot start: NEXTAUTH_SECRET is required when NODE_ENV=production/);
  });
});
