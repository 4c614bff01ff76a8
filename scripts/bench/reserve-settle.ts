/**
 * The gateway's database work alone (reserve + settle per call, no HTTP, no engine), to compare
 * variants of the reservation and ledger statements by CPU per call on a quiet database.
 *
 *   npx tsx --conditions=react-server scripts/bench/reserve-settle.ts [--calls 6000] [--concurrency 16]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "@/db";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { createKey } from "@/lib/keys/create-key";
import { settleCall } from "@/lib/gateway/settle";
import { reserveCall } from "@/lib/limits/reserve";
import { releaseServiceSlot } from "@/lib/limits/service-slots";

const arg = (n: string, d: number) => {
  const i = process.argv.indexOf(`--${n}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const calls = arg("calls", 6000);
const concurrency = arg("concurrency", 16);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "imgledger-rs-pg-"));
let pg = await startEmbeddedPostgres({ dir, database: "rs", persistent: true });
// --stats: per-statement times from pg_stat_statements (needs a restart to preload it).
const withStats = process.argv.includes("--stats");
if (withStats) {
  const { default: postgres } = await import("postgres");
  const a = postgres(pg.url, { max: 1, onnotice: () => {} });
  await a`alter system set shared_preload_libraries = 'pg_stat_statements'`;
  await a.end();
  await pg.stop();
  pg = await startEmbeddedPostgres({ dir, database: "rs", persistent: true, port: pg.port, log: (l) => process.argv.includes("--explain") && process.stderr.write(l) });
}
const postmaster = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
const pgPids = () =>
  fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      const st = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      return pid === postmaster || Number(st.slice(st.lastIndexOf(")") + 2).split(" ")[1]) === postmaster;
    } catch {
      return false;
    }
  });
const pgCpu = () =>
  pgPids().reduce((s, pid) => {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").slice(fs.readFileSync(`/proc/${pid}/stat`, "utf8").lastIndexOf(")") + 2).split(" ");
      return s + (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      return s;
    }
  }, 0);

try {
  await migrateDatabase(pg.url);
  if (process.argv.includes("--explain")) {
    const { default: postgres } = await import("postgres");
    const a = postgres(pg.url, { max: 1, onnotice: () => {} });
    await a.unsafe(`alter database rs set session_preload_libraries = 'auto_explain'`);
    await a.unsafe(`alter database rs set auto_explain.log_min_duration = 0`);
    await a.unsafe(`alter database rs set auto_explain.log_analyze = on`);
    await a.unsafe(`alter database rs set auto_explain.log_buffers = on`);
    await a.unsafe(`alter database rs set auto_explain.sample_rate = 0.0005`);
    await a.end();
  }
  const { db, client } = createDb(pg.url, { max: 10 });
  const keys: { id: number; accountId: number }[] = [];
  for (let i = 0; i < 32; i++) {
    const { key } = await createKey(db, { accountName: `a${i % 8}`, alias: `k${i}`, concurrencyCap: 10_000, dailyImageCap: 100_000_000 });
    keys.push(key);
  }
  let seq = 0;
  const one = async () => {
    const key = keys[seq % keys.length]!;
    const requestId = `req_rs_${++seq}`;
    const now = new Date();
    const a = await reserveCall(db, { keyId: key.id, accountId: key.accountId, requestId, now, n: 1, costMicros: 80_000, leaseTtlS: 200, maxInflight: 1000 });
    if (!a.ok) throw new Error(`refused: ${a.rejection.code}`);
    await settleCall(db, {
      requestId, accountId: key.accountId, keyId: key.id, kind: "image", model: "gpt-image-2", createdAt: now,
      latencyMs: 1, size: "1024x1024", quality: "low", n: 1, imagesDelivered: 1, httpStatus: 200, costMicros: 80_000,
      unitPriceMicros: 80_000, floorMicros: 0, priceVersion: 1,
    }, a.lease);
    releaseServiceSlot();
  };
  const run = async (count: number) => {
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next++ < count) await one();
    }));
  };
  await run(500);
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now(), c0 = process.cpuUsage(), p0 = pgCpu();
    await run(calls);
    const wall = performance.now() - t0, c = process.cpuUsage(c0), p = pgCpu() - p0;
    console.log(`calls/s ${(calls / (wall / 1000)).toFixed(0)}  node cpu/call ${((c.user + c.system) / 1000 / calls).toFixed(3)} ms (sys ${(c.system / 1000 / calls).toFixed(3)})  pg cpu/call ${(p / calls).toFixed(3)} ms`);
  }
  if (withStats) {
    await client`create extension if not exists pg_stat_statements`;
    await client`select pg_stat_statements_reset()`;
    await run(calls);
    const rows = await client<{ calls: string; ms: number; q: string }[]>`
      select calls::text, (total_exec_time / calls)::float8 as ms, regexp_replace(left(query, 90), '\s+', ' ', 'g') as q
      from pg_stat_statements where calls >= ${calls / 2} order by total_exec_time desc limit 15`;
    for (const r of rows) console.log(`${r.ms.toFixed(4).padStart(8)} ms x ${r.calls.padStart(6)}  ${r.q}`);
  }
  await client.end();
} finally {
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
