import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { startFakeUpstream, type FakeUpstream } from "../helpers/fake-upstream";
import { callsOf, countersOf, eventually, expectError, leasesOf, makeKey, pngSize, postImage } from "../helpers/gateway";

/** Faults against a real upstream on 127.0.0.1, a client that hangs up, and a gateway that dies. */
let t: TestDb;
let up: FakeUpstream;
let app: AppServer;
let restarted: AppServer | undefined;
const LEASE_TTL_S = 6;

beforeAll(async () => {
  t = await createTestDb();
  up = await startFakeUpstream();
  app = await startAppServer(t.url, {
    TEST_CLOCK: "on",
    UPSTREAM_BASE_URL: up.baseUrl,
    UPSTREAM_TIMEOUT_S: "1",
    LEASE_TTL_S: String(LEASE_TTL_S),
  });
});
afterAll(async () => {
  if (app && app.proc.exitCode === null && app.proc.signalCode === null) await app.stop();
  await restarted?.stop();
  await up?.stop();
  await t?.drop();
});

/** A failed call leaves exactly one unbilled row and gives every reservation back. */
async function expectReleasedFailure(keyId: number, status: number, code: string) {
  const rows = await callsOf(t, keyId);
  expect(rows.map((r) => [r.http_status, r.error_code, r.cost_micros, r.images_delivered])).toEqual([[status, code, "0", 0]]);
  expect(await countersOf(t, keyId)).toEqual([
    expect.objectContaining({ images_used: 0, images_reserved: 0, cost_used: 0, cost_reserved: 0 }),
  ]);
  expect(await leasesOf(t, keyId)).toBe(0);
}

describe("upstream faults → 503 image_provider_unavailable, nothing billed, reservations released", () => {
  const faults: [string, string, RegExp][] = [
    ["upstream 500", "[status:500]", /upstream error 500/],
    ["upstream 502", "[status:502]", /upstream error 502/],
    ["a refusal (400 content policy)", "[refuse]", /refused/],
    ["a malformed answer", "[malformed]", /malformed/],
    ["the connection closed without an answer", "[close]", /failed/],
    ["an upstream that hangs past UPSTREAM_TIMEOUT_S", "[hang]", /no answer within 1 s/],
  ];

  it.each(faults)("%s", async (_name, directive, message) => {
    const { rawKey, key } = await makeKey(t, { dailyImageCap: 4 });
    const started = Date.now();
    const res = await postImage(app.baseUrl, { model: "gpt-image-2", prompt: `fault ${directive}`, quality: "high", n: 4 }, { key: rawKey });
    const err = await expectError(res, 503, "image_provider_unavailable");
    expect(err.type).toBe("server_error");
    expect(err.message).toMatch(message);
    if (directive === "[hang]") expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    await expectReleasedFailure(key.id, 503, "image_provider_unavailable");
    // The four reserved images were given back: the whole daily cap is usable again.
    const again = await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "fine", n: 4 }, { key: rawKey });
    expect(again.status).toBe(200);
  });

  it("connection refused", async () => {
    const { rawKey, key } = await makeKey(t);
    await up.closeListener();
    try {
      const res = await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "nobody home" }, { key: rawKey });
      const err = await expectError(res, 503, "image_provider_unavailable");
      expect(err.message).toMatch(/ECONNREFUSED/);
    } finally {
      await up.reopen();
    }
    await expectReleasedFailure(key.id, 503, "image_provider_unavailable");
  });
});

describe("client disconnect", () => {
  it("the client aborting mid-call → upstream aborted, unbilled 499 client_closed row, reservation released", async () => {
    const { rawKey, key } = await makeKey(t);
    const abortedBefore = up.aborted;
    const ctl = new AbortController();
    const pending = postImage(app.baseUrl, { model: "gpt-image-2", prompt: "[hold:abort] [tag:abort]", quality: "high", n: 2 }, { key: rawKey, signal: ctl.signal });
    await up.waitForHeld("abort", 1);
    const [lease] = await t.sql<{ images: number; cost: number }[]>`select images, cost_micros::float8 as cost from in_flight where key_id = ${key.id}`;
    expect(lease).toEqual({ images: 2, cost: 422_000 });
    ctl.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await eventually(() => expectReleasedFailure(key.id, 499, "client_closed"));
    // The gateway hung up on the upstream too: nobody pays for an image nobody will see.
    await eventually(async () => expect(up.aborted).toBe(abortedBefore + 1));
    expect(up.inFlight("abort")).toBe(0);
  });
});

describe("client disconnect while sending the body", () => {
  it("→ an unbilled 499 client_closed row, nothing reserved", async () => {
    const { rawKey, key } = await makeKey(t);
    const ctl = new AbortController();
    const pending = fetch(`${app.baseUrl}/qcode-img/v1/images/generations`, {
      method: "POST",
      headers: { authorization: `Bearer ${rawKey}`, "content-type": "application/json" },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"model": "gpt-image-2", "prompt": "half a bo'));
        },
      }),
      duplex: "half",
      signal: ctl.signal,
    } as RequestInit);
    await new Promise((r) => setTimeout(r, 300));
    ctl.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await eventually(async () =>
      expect((await callsOf(t, key.id)).map((r) => [r.http_status, r.error_code, r.cost_micros])).toEqual([[499, "client_closed", "0"]]),
    );
    expect(await countersOf(t, key.id)).toEqual([]);
    expect(await leasesOf(t, key.id)).toBe(0);
  });
});

describe("a gateway killed mid-request", () => {
  it("after the lease TTL the key works again (on a restarted server) and the day's counts are exact", async () => {
    const { rawKey, key } = await makeKey(t, { alias: "killed" });
    const ok = await postImage(app.baseUrl, { model: "gpt-image-2", prompt: "before", quality: "low" }, { key: rawKey });
    expect(ok.status).toBe(200);
    // Two calls in flight fill the key's concurrency cap of 2; then the process dies.
    const doomed = [1, 2].map(() =>
      postImage(app.baseUrl, { model: "gpt-image-2", prompt: "[hold:kill] [tag:kill]", quality: "low", n: 2 }, { key: rawKey }).catch(
        (e: Error) => e,
      ),
    );
    await up.waitForHeld("kill", 2);
    const [held] = await t.sql<{ leases: number; expiresMs: number }[]>`
      select count(*)::int as leases, extract(epoch from max(expires_at))::float8 * 1000 as "expiresMs"
      from in_flight where key_id = ${key.id}`;
    expect(held!.leases).toBe(2);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 1, images_reserved: 4, cost_reserved: 320_000 });

    app.proc.kill("SIGKILL");
    await new Promise((r) => app.proc.once("exit", r));
    for (const d of await Promise.all(doomed)) expect(d).toBeInstanceOf(Error);

    // Starting a server can take longer than the TTL on a busy machine: push the dead leases'
    // expiry out so the check below always runs while they still hold, then let them expire.
    await t.sql`update in_flight set expires_at = now() + interval '60 seconds' where key_id = ${key.id}`;
    // The restarted server has no upstream: the built-in engine answers.
    restarted = await startAppServer(t.url, { TEST_CLOCK: "on", LEASE_TTL_S: String(LEASE_TTL_S) });
    const body = { model: "gpt-image-2", prompt: "after the crash", size: "1024x1536", quality: "low" };
    // The dead process's leases still hold the key until they expire.
    await expectError(await postImage(restarted.baseUrl, body, { key: rawKey }), 429, "concurrency_exhausted");
    await t.sql`update in_flight set expires_at = now() - interval '1 second' where key_id = ${key.id}`;
    const res = await postImage(restarted.baseUrl, body, { key: rawKey });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { data: { b64_json: string; revised_prompt: string }[] };
    expect(pngSize(json.data[0]!.b64_json)).toEqual({ width: 1024, height: 1536 });
    expect(json.data[0]!.revised_prompt).toMatch(/^\[local preview engine: no upstream image provider is configured\] after the crash$/);

    expect(await leasesOf(t, key.id)).toBe(0);
    const rows = await callsOf(t, key.id);
    const delivered = rows.reduce((s, r) => s + r.images_delivered, 0);
    expect(delivered).toBe(2);
    expect((await countersOf(t, key.id))[0]).toMatchObject({ images_used: 2, images_reserved: 0, cost_used: 160_000, cost_reserved: 0 });
  });
});
