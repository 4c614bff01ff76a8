/**
 * Imports calls seen elsewhere from a JSON Lines file (one ingest event per line), through the
 * same validation and ledger path as POST /qcode-img/api/ledger/events, 1,000 events at a time.
 *   npm run ledger:import -- FILE.jsonl
 * Exit status: 0 all recorded (or duplicates), 1 some lines rejected, 2 bad arguments.
 */
import fs from "node:fs";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { ingestEvents, MAX_INGEST_EVENTS } from "@/lib/ledger/ingest";
import { runCli, UsageError } from "./cli";
import { withDatabase } from "./with-database";

const USAGE = "Usage: npm run ledger:import -- FILE.jsonl   (one event per line, as the ingest API takes them)";


type Totals = { accepted: number; duplicates: number; rejected: number };

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file) throw new UsageError("Missing FILE.jsonl");
  if (extra.length) throw new UsageError(`One file at a time, got also: ${extra.join(" ")}`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`No such file: ${file}`);

  return withDatabase(async (db) => {
    const totals: Totals = { accepted: 0, duplicates: 0, rejected: 0 };
    const rejects: string[] = [];
    let batch: { line: number; event: unknown }[] = [];

    const flush = async () => {
      if (batch.length === 0) return;
      const result = await ingestEvents(db, batch.map((b) => b.event));
      totals.accepted += result.accepted;
      totals.duplicates += result.duplicates;
      for (const r of result.results) {
        if (r.status !== "rejected") continue;
        totals.rejected++;
        rejects.push(`line ${batch[r.index]!.line}: ${r.reason}`);
      }
      batch = [];
    };

    const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity });
    let lineNo = 0;
    for await (const text of lines) {
      lineNo++;
      if (text.trim() === "") continue;
      let event: unknown;
      try {
        event = JSON.parse(text);
      } catch {
        totals.rejected++;
        rejects.push(`line ${lineNo}: not valid JSON`);
        continue;
      }
      batch.push({ line: lineNo, event });
      if (batch.length === MAX_INGEST_EVENTS) await flush();
    }
    await flush();

    console.log(`${file}: ${totals.accepted} accepted, ${totals.duplicates} duplicate, ${totals.rejected} rejected`);
    for (const r of rejects) console.log(`  rejected ${r}`);
    return totals.rejected > 0 ? 1 : 0;
  });
}

runCli("ledger:import", USAGE, main);
