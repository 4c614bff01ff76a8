import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { PNG } from "pngjs";

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI images API (POST /images/generations),
 * told what to do by directives in the prompt, so one upstream serves every test:
 *   [tag:NAME]   count this request under NAME (in flight now, most ever in flight)
 *   [hold:GATE]  answer only after release(GATE)
 *   [delay:MS]   answer after MS milliseconds
 *   [status:N]   answer with HTTP status N and an OpenAI error body
 *   [refuse]     a 400 content-policy refusal
 *   [hang]       never answer
 *   [close]      destroy the connection without an answer
 *   [malformed]  200 with a body that is not JSON
 *   [partial]    deliver one image fewer than asked for (at least one)
 *   [usage]      include an OpenAI `usage` block
 * Images are real PNGs of the requested size.
 */
export type FakeUpstream = {
  baseUrl: string;
  port: number;
  /** Requests received, in order. */
  received: { prompt: string; size: string; quality: string; n: number; auth: string | undefined }[];
  /** Requests whose client (the gateway) went away before the answer. */
  aborted: number;
  inFlight: (tag: string) => number;
  maxInFlight: (tag: string) => number;
  tags: () => string[];
  release: (gate: string) => void;
  /** Resolves once `count` requests are held at `gate`. */
  waitForHeld: (gate: string, count: number, timeoutMs?: number) => Promise<void>;
  /** Stops listening (connections are refused) until reopen(), on the same port. */
  closeListener: () => Promise<void>;
  reopen: () => Promise<void>;
  stop: () => Promise<void>;
};

export const USAGE_BLOCK = {
  total_tokens: 4210,
  input_tokens: 50,
  output_tokens: 4160,
  input_tokens_details: { text_tokens: 50, image_tokens: 0 },
};

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const received: FakeUpstream["received"] = [];
  const current = new Map<string, number>();
  const most = new Map<string, number>();
  const gates = new Map<string, Set<() => void>>();
  const released = new Set<string>();
  const sockets = new Set<Socket>();
  const pngs = new Map<string, string>();
  let aborted = 0;

  const pngOf = (size: string, i: number): string => {
    const key = `${size}#${i % 4}`;
    let b64 = pngs.get(key);
    if (!b64) {
      const [w, h] = size.split("x").map(Number) as [number, number];
      const png = new PNG({ width: w, height: h, colorType: 2, inputHasAlpha: false });
      png.data = Buffer.alloc(w * h * 3, 40 + 50 * (i % 4));
      b64 = PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, filterType: 1 }).toString("base64");
      pngs.set(key, b64);
    }
    return b64;
  };

  const server = http.createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/images/generations") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw) as { prompt: string; size: string; quality: string; n: number };
    received.push({ prompt: body.prompt, size: body.size, quality: body.quality, n: body.n, auth: req.headers.authorization });
    const directive = (name: string) => new RegExp(`\\[${name}(?::([^\\]]+))?\\]`).exec(body.prompt);
    const tag = directive("tag")?.[1] ?? "untagged";

    current.set(tag, (current.get(tag) ?? 0) + 1);
    most.set(tag, Math.max(most.get(tag) ?? 0, current.get(tag)!));
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      current.set(tag, current.get(tag)! - 1);
    };
    res.on("close", () => {
      if (!res.writableFinished) aborted += 1;
      finish();
    });

    if (directive("hang")) return;
    if (directive("close")) {
      req.socket.destroy();
      return;
    }
    const hold = directive("hold")?.[1];
    if (hold && !released.has(hold)) {
      await new Promise<void>((resolve) => {
        const set = gates.get(hold) ?? new Set();
        gates.set(hold, set);
        set.add(resolve);
        res.on("close", () => set.delete(resolve));
      });
    }
    const delay = Number(directive("delay")?.[1] ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return;

    const status = Number(directive("status")?.[1] ?? 0);
    if (status) {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: "server_error", code: null, message: `fake upstream ${status}` } }));
      return;
    }
    if (directive("refuse")) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: "invalid_request_error", code: "content_policy_violation", message: "refused" } }));
      return;
    }
    if (directive("malformed")) {
      res.writeHead(200, { "content-type": "application/json" }).end("{ this is not json");
      return;
    }
    const count = directive("partial") ? Math.max(1, body.n - 1) : body.n;
    const answer = {
      created: Math.floor(Date.now() / 1000),
      data: Array.from({ length: count }, (_, i) => ({ b64_json: pngOf(body.size, i), revised_prompt: `revised: ${body.prompt}` })),
      ...(directive("usage") ? { usage: USAGE_BLOCK } : {}),
    };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const closeAll = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    received,
    get aborted() {
      return aborted;
    },
    inFlight: (tag) => current.get(tag) ?? 0,
    maxInFlight: (tag) => most.get(tag) ?? 0,
    tags: () => [...most.keys()],
    release: (gate) => {
      released.add(gate);
      for (const resolve of gates.get(gate) ?? []) resolve();
      gates.delete(gate);
    },
    waitForHeld: async (gate, count, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while ((gates.get(gate)?.size ?? 0) < count) {
        if (Date.now() > deadline) throw new Error(`only ${gates.get(gate)?.size ?? 0} of ${count} requests held at ${gate}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    closeListener: closeAll,
    reopen: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    stop: closeAll,
  };
}
