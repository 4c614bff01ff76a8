/**
 * Gateway benchmark: the full image path (key check, limits, ledger) beside the same route with
 * checks and ledger switched off (GATEWAY_BENCH_BYPASS), in one run on one server, with the
 * built-in engine at zero delay so what is measured is the gateway itself.
 *
 *   npx tsx --conditions=react-server scripts/bench/gateway.ts [--requests 4000] [--concurrency 16] [--flood 5000]
 *     [--refusal-pause <ms>]   the server's GATEWAY_REFUSAL_PAUSE_MS (default: the app's default)
 *
 * Uses a scratch database: a temporary embedded PostgreSQL, or one created beside DATABASE_URL
 * and dropped afterwards (never the database DATABASE_URL names).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { createDb } from "@/db";
import { freePort, startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { createKey } from "@/lib/keys/create-key";
import { env } from "@/lib/env";

export type GatewayBenchOptions = {
  /** Measured requests per path (after warm-up). */
  requests?: number;
  /** Requests in flight at once, from this process. */
  concurrency?: number;
  /** Keys the requests are spread over (per-key work is serialized, as in production). */
  keys?: number;
  warmup?: number;
  /** Requests of the flood (0: no flood phase). */
  flood?: number;
  /** Write a V8 CPU profile of the server process into this directory. */
  cpuProfileDir?: string;
  /** GATEWAY_REFUSAL_PAUSE_MS for the server (undefined: the app's default). */
  refusalPauseMs?: number;
  log?: (line: string) => void;
};

export type PathStats = {
  path: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU milliseconds per request spent in the server process and in PostgreSQL (Linux only). */
  serverCpuMs: number | null;
  postgresCpuMs: number | null;
};
export type PhaseResult = {
  concurrency: number;
  full: PathStats;
  bypass: PathStats;
  overheadP50Ms: number;
  overheadP95Ms: number;
};
export type GatewayBenchResult = {
  /** One request at a time: what the checks and the ledger add to each call. */
  latency: PhaseResult;
  /** `concurrency` in flight: how many calls per second the machine carries. */
  throughput: PhaseResult;
  ledgerRows: number;
  cores: number;
  flood?: FloodResult;
};
/** A flood of malformed and unauthenticated requests from one address beside one good key. */
export type FloodResult = {
  floodRequests: number;
  floodStatuses: Record<string, number>;
  floodSeconds: number;
  goodRequests: number;
  /** Full-path calls of the quiet window. */
  quietCalls: number;
  /** The good key's full path, and the same route with checks and ledger off, quiet and flooded. */
  quiet: { p50: number; p95: number; errors: number };
  flooded: { p50: number; p95: number; errors: number };
  quietBypass: { p50: number; p95: number; errors: number };
  floodedBypass: { p50: number; p95: number; errors: number };
  /** Gateway overhead p95: full path p95 minus the bare route's, in the same window. */
  overheadQuietP95Ms: number;
  overheadFloodP95Ms: number;
  ledgerRowsAdded: number;
  throttledRows: number;
  throttledCount: number;
  /** CPU ms of the flood's own client process (the attacker's machine, here sharing ours). */
  floodClientCpuMs: number;
  /** CPU ms of the server process while the flood ran (good calls included). */
  serverCpuMs: number;
  /** GATEWAY_REFUSAL_PAUSE_MS the server ran with. */
  refusalPauseMs: number;
};

const ROOT = path.resolve(import.meta.dirname, "../..");
const BYPASS_HEADER = "x-imgledger-bench-bypass";

export async function benchGateway(opts: GatewayBenchOptions = {}): Promise<GatewayBenchResult> {
  const requests = opts.requests ?? 4000;
  const concurrency = opts.concurrency ?? 16;
  const keyCount = opts.keys ?? 32;
  const warmup = opts.warmup ?? 300;
  const log = opts.log ?? ((l: string) => console.log(`[bench:gateway] ${l}`));

  ensureBuild(log);
  const scratch = await scratchDatabase(log);
  let server: Server | undefined;
  try {
    await migrateDatabase(scratch.url);
    const { db, client } = createDb(scratch.url, { max: 4 });
    const keys: string[] = [];
    for (let i = 0; i < keyCount; i++) {
      const { rawKey } = await createKey(db, {
        accountName: `bench-${i % 8}`,
        alias: `bench-${i}`,
        concurrencyCap: 10_000,
        dailyImageCap: 100_000_000,
      });
      keys.push(rawKey);
    }
    server = await startServer(scratch.url, Math.max(1024, concurrency * 4), opts.cpuProfileDir, opts.refusalPauseMs);
    log(`server up; ${keyCount} keys; ${requests} requests per path and phase (after ${warmup} warm-up)`);

    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    // Clients reach the server through a trusted proxy (the bench), one address per key.
    const fire = (i: number, bypass: boolean) => post(server!.url, keys[i % keys.length]!, bypass, agent, addressOf(i % keys.length));
    await run(warmup, concurrency, (i) => fire(i, false));
    await run(warmup, concurrency, (i) => fire(i, true));

    const latency = await phase(1, Math.min(requests, 2000), fire, server, scratch);
    const throughput = await phase(concurrency, requests, fire, server, scratch);
    const [rows] = await client<{ n: number }[]>`select count(*)::int as n from calls where http_status = 200`;
    const floodCount = opts.flood ?? 5000;
    const flood = floodCount > 0 ? await floodPhase(server.url, server.pid, keys, floodCount, concurrency, agent, client, log, opts.refusalPauseMs ?? env.GATEWAY_REFUSAL_PAUSE_MS) : undefined;
    agent.destroy();
    await client.end();

    const result: GatewayBenchResult = { latency, throughput, ledgerRows: rows!.n, cores: os.cpus().length, flood };
    printTables(result, log);
    return result;
  } finally {
    await server?.stop();
    await scratch.drop();
  }
}

type Server = { url: string; pid: number; stop: () => Promise<void> };

/** Alternates the two paths in rounds so both see the same machine conditions. */
async function phase(
  concurrency: number,
  requests: number,
  fire: (i: number, bypass: boolean) => Promise<number>,
  server: Server,
  scratch: Scratch,
): Promise<PhaseResult> {
  const rounds = 4;
  const per = Math.ceil(requests / rounds);
  const samples = { full: [] as number[], bypass: [] as number[] };
  const errors = { full: 0, bypass: 0 };
  const wall = { full: 0, bypass: 0 };
  const cpu = { full: { server: 0, pg: 0 }, bypass: { server: 0, pg: 0 } };
  for (let r = 0; r < rounds; r++) {
    for (const mode of ["full", "bypass"] as const) {
      const t0 = performance.now();
      const c0 = { server: cpuMs([server.pid]), pg: cpuMs(scratch.postgresPids()) };
      const res = await run(per, concurrency, (i) => fire(i, mode === "bypass"));
      wall[mode] += performance.now() - t0;
      cpu[mode].server += cpuMs([server.pid]) - c0.server;
      cpu[mode].pg += cpuMs(scratch.postgresPids()) - c0.pg;
      samples[mode].push(...res.latencies);
      errors[mode] += res.errors;
    }
  }
  const linux = process.platform === "linux";
  const stats = (mode: "full" | "bypass", label: string): PathStats => ({
    path: label,
    requests: samples[mode].length,
    errors: errors[mode],
    rps: samples[mode].length / (wall[mode] / 1000),
    p50: quantile(samples[mode], 0.5),
    p95: quantile(samples[mode], 0.95),
    p99: quantile(samples[mode], 0.99),
    serverCpuMs: linux ? cpu[mode].server / samples[mode].length : null,
    postgresCpuMs: linux && scratch.postgresPids().length ? cpu[mode].pg / samples[mode].length : null,
  });
  const full = stats("full", "full path (key, limits, ledger)");
  const bypass = stats("bypass", "same route, checks + ledger off");
  return { concurrency, full, bypass, overheadP50Ms: full.p50 - bypass.p50, overheadP95Ms: full.p95 - bypass.p95 };
}

const GOOD_BODY = JSON.stringify({ model: "gpt-image-2", prompt: "A lighthouse at dawn, bench", size: "1024x1024", quality: "low", n: 1 });
const FLOOD_CONCURRENCY = 32;
const BOGUS_KEY = `cr_${"x".repeat(40)}`;
const addressOf = (i: number) => `198.51.${100 + Math.floor(i / 250)}.${(i % 250) + 1}`;

function post(base: string, key: string | null, bypass: boolean, agent: http.Agent, address: string, body = GOOD_BODY): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/qcode-img/v1/images/generations`,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          "x-forwarded-for": address,
          ...(bypass ? { [BYPASS_HEADER]: "on" } : {}),
        },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * The flood: `count` requests from one address (half a made-up key with a malformed body, half
 * with no key at all) while one good key keeps `concurrency` calls in flight from its clients'
 * addresses. The good key's latency is measured quiet (same number of calls, no flood) and under
 * the flood; the ledger's growth is read before and after.
 */
async function floodPhase(
  base: string,
  serverPid: number,
  keys: string[],
  count: number,
  concurrency: number,
  agent: http.Agent,
  client: postgres.Sql,
  log: (l: string) => void,
  refusalPauseMs: number,
): Promise<FloodResult> {
  const good = keys[0]!;
  const FLOOD_ADDRESS = "203.0.113.66";
  // One good key used by 999 clients behind the proxy: each stays far below its address rate
  // (999 is odd, so both paths come from the same clients).
  const goodFire = (i: number, bypass = false) => post(base, good, bypass, agent, addressOf(i % 999));
  const ledger = async () => {
    const [r] = await client<{ calls: number; rows: number; count: number }[]>`
      select (select count(*)::int from calls) as calls, (select count(*)::int from throttled_requests) as rows,
             (select coalesce(sum(count), 0)::int from throttled_requests) as count`;
    return r!;
  };

  // The good key's 16 clients alternate the full path and the same route with checks and ledger
  // off, call by call, so both see the same conditions: the gateway's overhead is the difference,
  // as in the phases above. Quiet first, then under the flood.
  const mixed = async (until: (i: number) => boolean) => {
    // Latencies of answered calls only (200); failures of either path are counted instead.
    const out = { full: [] as number[], bypass: [] as number[], errors: 0, bypassErrors: 0 };
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (!until(next)) {
          const i = next++;
          const bypass = i % 2 === 1;
          const s0 = performance.now();
          const status = await goodFire(i, bypass).catch(() => 0);
          if (status === 200) (bypass ? out.bypass : out.full).push(performance.now() - s0);
          else if (bypass) out.bypassErrors++;
          else out.errors++;
        }
      }),
    );
    return out;
  };
  const quietN = 2 * Math.max(500, Math.min(4000, count));
  const quiet = await mixed((i) => i >= quietN);
  await new Promise((r) => setTimeout(r, 1_500));
  const before = await ledger();

  // Flood and good traffic together; the good key runs until the flood is over.
  // The flood runs in a process of its own, as an attacker's traffic comes from elsewhere: in this
  // process it would compete with the good key's client for the same event loop and skew its timing.
  let statuses: Record<string, number> = {};
  let floodClientCpuMs = 0;
  const serverCpu0 = cpuMs([serverPid]);
  const t0 = performance.now();
  let floodDone = false;
  const flood = runFloodClient(base, count, FLOOD_ADDRESS).then((r) => {
    ({ statuses, cpuMs: floodClientCpuMs } = r);
  }).finally(() => {
    floodDone = true;
  });
  // The good key runs until the flood is over, and for at least 200 calls of each path.
  const flooded = await mixed((i) => floodDone && i >= 400);
  await flood;
  const floodSeconds = (performance.now() - t0) / 1000;
  const serverCpuMs = cpuMs([serverPid]) - serverCpu0;
  await new Promise((r) => setTimeout(r, 1_500));
  const after = await ledger();

  const goodRows = flooded.full.length - flooded.errors;
  const pp = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) });
  const result: FloodResult = {
    floodRequests: count,
    floodStatuses: statuses,
    floodSeconds,
    goodRequests: flooded.full.length,
    quietCalls: quiet.full.length,
    quiet: { ...pp(quiet.full), errors: quiet.errors },
    flooded: { ...pp(flooded.full), errors: flooded.errors },
    quietBypass: { ...pp(quiet.bypass), errors: quiet.bypassErrors },
    floodedBypass: { ...pp(flooded.bypass), errors: flooded.bypassErrors },
    overheadQuietP95Ms: quantile(quiet.full, 0.95) - quantile(quiet.bypass, 0.95),
    overheadFloodP95Ms: quantile(flooded.full, 0.95) - quantile(flooded.bypass, 0.95),
    // Rows the flood added: everything new in the ledger except the good key's own calls.
    ledgerRowsAdded: after.calls - before.calls - goodRows,
    throttledRows: after.rows - before.rows,
    throttledCount: after.count - before.count,
    floodClientCpuMs,
    serverCpuMs,
    refusalPauseMs,
  };
  log(`flood: ${count} requests in ${floodSeconds.toFixed(1)} s, answers ${JSON.stringify(statuses)}`);
  return result;
}

/** Runs scripts/bench/flood-client.mjs: `count` bad requests from `address`, FLOOD_CONCURRENCY at a time. */
function runFloodClient(base: string, count: number, address: string): Promise<{ statuses: Record<string, number>; cpuMs: number }> {
  const floodClient = path.join(import.meta.dirname, "flood-client.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [floodClient, base, String(count), String(FLOOD_CONCURRENCY), address, BOGUS_KEY, GOOD_BODY], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`flood client exited with ${code}`));
      resolve(JSON.parse(out) as { statuses: Record<string, number>; cpuMs: number });
    });
  });
}

/** `count` calls of `fn` with at most `concurrency` at once; latency of each in ms. */
async function run(count: number, concurrency: number, fn: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      const status = await fn(i).catch(() => 0);
      latencies.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors };
}

/** user + system CPU of these processes, from /proc (0 where unreadable). */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* exited */
    }
  }
  return (ticks * 1000) / 100;
}

function childrenOf(ppid: number): number[] {
  if (process.platform !== "linux") return [];
  return fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === ppid;
    } catch {
      return false;
    }
  });
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function printTables(r: GatewayBenchResult, log: (l: string) => void) {
  const f = (n: number) => n.toFixed(2).padStart(8);
  const cpu = (v: number | null) => (v === null ? "n/a" : v.toFixed(2)).padStart(10);
  log(`${r.cores} cores; built-in engine at 0 ms delay (cached 1024x1024 PNG); ledger rows written: ${r.ledgerRows}`);
  for (const p of [r.latency, r.throughput]) {
    log("");
    log(`${p.concurrency} request${p.concurrency === 1 ? "" : "s"} in flight`);
    log(`${"path".padEnd(34)} ${"requests".padStart(8)} ${"errors".padStart(6)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"server cpu".padStart(10)} ${"pg cpu".padStart(10)}`);
    for (const s of [p.full, p.bypass]) {
      log(`${s.path.padEnd(34)} ${String(s.requests).padStart(8)} ${String(s.errors).padStart(6)} ${s.rps.toFixed(0).padStart(8)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)} ${cpu(s.serverCpuMs)} ${cpu(s.postgresCpuMs)}`);
    }
    log(`overhead of key check + limits + ledger: p50 ${p.overheadP50Ms.toFixed(2)} ms, p95 ${p.overheadP95Ms.toFixed(2)} ms`);
  }
  log("(cpu columns: CPU milliseconds per request in the Next server process and in PostgreSQL)");
  const fl = r.flood;
  if (fl) {
    log("");
    log(`flood: ${fl.floodRequests} malformed/unauthenticated requests from one address in ${fl.floodSeconds.toFixed(1)} s: ${JSON.stringify(fl.floodStatuses)}`);
    log(`good key, quiet:       ${fl.quiet.p50.toFixed(2)} ms p50, ${fl.quiet.p95.toFixed(2)} ms p95; bare route ${fl.quietBypass.p95.toFixed(2)} ms p95 (${fl.quietBypass.errors} errors); overhead p95 ${fl.overheadQuietP95Ms.toFixed(2)} ms (${fl.quiet.errors} errors)`);
    log(`good key, under flood: ${fl.flooded.p50.toFixed(2)} ms p50, ${fl.flooded.p95.toFixed(2)} ms p95; bare route ${fl.floodedBypass.p95.toFixed(2)} ms p95 (${fl.floodedBypass.errors} errors); overhead p95 ${fl.overheadFloodP95Ms.toFixed(2)} ms (${fl.flooded.errors} errors, ${fl.goodRequests} calls)`);
    log(`cpu while flooded: server ${fl.serverCpuMs.toFixed(0)} ms, flood client ${fl.floodClientCpuMs.toFixed(0)} ms (${((fl.floodClientCpuMs / fl.floodRequests) * 1000).toFixed(0)} µs a request) in ${(fl.floodSeconds * 1000).toFixed(0)} ms`);
    log(`ledger: +${fl.ledgerRowsAdded} call rows from the flood, +${fl.throttledRows} throttled_requests rows counting ${fl.throttledCount} requests`);
  }
}

/** Builds the app when the build is missing or older than the sources, as `npm start` does. */
function ensureBuild(log: (l: string) => void) {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const newest = (p: string): number => {
    if (!fs.existsSync(p)) return 0;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs;
    return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
  };
  const sources = ["app", "lib", "db", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package.json"].map((p) => newest(path.join(ROOT, p)));
  if (fs.existsSync(buildId) && Math.max(...sources) < fs.statSync(buildId).mtimeMs) return;
  log("build missing or older than the sources: running next build…");
  const res = spawnSync(process.execPath, [nextBin(), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (res.status !== 0) throw new Error("next build failed");
}

function nextBin() {
  return path.join(ROOT, "node_modules/next/dist/bin/next");
}

type Scratch = { url: string; drop: () => Promise<void>; postgresPids: () => number[] };

async function scratchDatabase(log: (l: string) => void): Promise<Scratch> {
  const name = `imgledger_bench_${randomBytes(4).toString("hex")}`;
  const base = process.env.DATABASE_URL;
  if (base) {
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    log(`scratch database ${name} beside DATABASE_URL`);
    return {
      url: url.toString(),
      postgresPids: () => [],
      drop: async () => {
        const a = postgres(base, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "imgledger-bench-pg-"));
  const pg = await startEmbeddedPostgres({ dir, database: name, persistent: false });
  log("temporary embedded PostgreSQL");
  const postmaster = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    url: pg.url,
    postgresPids: () => [postmaster, ...childrenOf(postmaster)],
    drop: async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startServer(databaseUrl: string, maxInflight: number, cpuProfileDir?: string, refusalPauseMs?: number) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    LOCAL_ENGINE_DELAY_MS: "0",
    GATEWAY_BENCH_BYPASS: "on",
    MAX_INFLIGHT: String(maxInflight),
    // A production server needs a session secret; the benchmark signs nobody in.
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    // The bench is the clients' reverse proxy: it names each client in X-Forwarded-For.
    TRUSTED_PROXIES: "127.0.0.1",
    // Each key's own rate is not what is measured here (one key runs hundreds of calls a second);
    // the per-address rate stays at its default, which is what stops the flood.
    GATEWAY_RATE_PER_KEY_PER_S: "1000000",
    ...(refusalPauseMs === undefined ? {} : { GATEWAY_REFUSAL_PAUSE_MS: String(refusalPauseMs) }),
  };
  delete env.UPSTREAM_BASE_URL;
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const proc = spawn(process.execPath, [...profile, nextBin(), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error("next start exited");
    const ok = await fetch(`${url}/qcode-img/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error("next start did not answer within 60 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: proc.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  benchGateway({
    requests: num(arg("requests")),
    concurrency: num(arg("concurrency")),
    keys: num(arg("keys")),
    flood: num(arg("flood")),
    cpuProfileDir: arg("cpu-prof"),
    refusalPauseMs: num(arg("refusal-pause")),
  }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
