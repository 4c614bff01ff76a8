import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayForm, lookupHashForKey, tokenForKey } from "@/lib/keys/hash";
import { createTestDb, type TestDb } from "../helpers/db";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "imgledger-cli-"));
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string };

function run(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ["--conditions=react-server", `scripts/${script}.ts`, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url, NODE_ENV: "production" }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let rawKey = "";

describe("npm run keys", () => {
  it("create prints the raw key once, with its display form and limits, and stores only its hash", async () => {
    const r = await run("keys", [
      "create", "--account", "CLI Co", "--alias", "prod", "--daily-images", "250", "--concurrency", "3",
      "--daily-cost-usd", "12.5", "--total-cost-usd", "100", "--expires", "2099-01-01",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const m = /^ {2}key {7}(cr_[0-9A-Za-z]{40})$/m.exec(r.stdout);
    expect(m).not.toBeNull();
    rawKey = m![1]!;
    expect(r.stdout).toContain(`  display   ${displayForm(rawKey)}\n`);
    expect(r.stdout).toContain("  limits    250 images/day · 3 concurrent · daily cost $12.5000 · total cost $100.0000\n");
    expect(r.stdout).toContain("  expires   2099-01-01 00:00\n");
    expect(r.stdout).toContain("shown only this once");

    const rows = await t.sql`select a.name, a.currency::text, k.alias, k.lookup_hash, k.display, k.daily_image_cap, k.concurrency_cap,
      k.daily_cost_limit_micros::bigint as daily, k.total_cost_limit_micros::bigint as total, k.expires_at, row_to_json(k)::text as everything
      from api_keys k join accounts a on a.id = k.account_id`;
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ name: "CLI Co", currency: "USD", alias: "prod", display: displayForm(rawKey), daily_image_cap: 250, concurrency_cap: 3 });
    expect(row.lookup_hash).toBe(lookupHashForKey(rawKey));
    expect(Number(row.daily)).toBe(12_500_000);
    expect(Number(row.total)).toBe(100_000_000);
    // Midnight Beijing time at the start of 2099-01-01.
    expect(new Date(row.expires_at).toISOString()).toBe("2098-12-31T16:00:00.000Z");
    expect(row.everything).not.toContain(rawKey.slice(3));
    expect(row.everything).not.toContain(tokenForKey(rawKey));
  });

  it("creates a key with default limits in a new CNY account, and refuses a taken alias", async () => {
    const ok = await run("keys", ["create", "--account", "像素 Works", "--alias", "app", "--currency", "CNY"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("  limits    100 images/day · 2 concurrent · daily cost none · total cost none\n");
    expect(ok.stdout).toContain("  expires   never\n");
    const taken = await run("keys", ["create", "--account", "CLI Co", "--alias", "prod"]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('CLI Co already has a key named "prod"');
    const [n] = await t.sql`select count(*)::int as n from api_keys`;
    expect(n!.n).toBe(2);
  });

  it("list shows account, alias, display form, status, expiry and limits", async () => {
    const r = await run("keys", ["list"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^account\s+alias\s+key\s+status\s+expires \(Beijing\)\s+images\/day\s+concurrency\s+daily cost\s+total cost\s+spent$/);
    expect(lines[2]).toMatch(new RegExp(`^CLI Co\\s+prod\\s+${escape(displayForm(rawKey))}\\s+active\\s+2099-01-01 00:00\\s+250\\s+3\\s+\\$12\\.5000\\s+\\$100\\.0000\\s+\\$0\\.0000$`));
    expect(lines[3]).toMatch(/^像素 Works\s+app\s+cr_\S+\s+active\s+never\s+100\s+2\s+none\s+none\s+\$0\.0000$/);
    expect(lines).toHaveLength(4);
    expect(r.stdout).not.toContain(rawKey);
  });

  it("exits 2 with a clear message on bad arguments", async () => {
    const cases: [string[], string][] = [
      [[], "Missing command: create or list"],
      [["rotate"], 'Unknown command "rotate"'],
      [["create", "--alias", "x"], "--account is required"],
      [["create", "--account", "A", "--alias", "x", "--daily-images", "lots"], '--daily-images must be a whole number from 1 to 1,000,000, got "lots"'],
      [["create", "--account", "A", "--alias", "x", "--daily-cost-usd", "1.2.3"], "--daily-cost-usd must be an amount in US dollars"],
      [["create", "--account", "A", "--alias", "x", "--expires", "2020-01-01"], "--expires 2020-01-01 is in the past"],
      [["create", "--account", "A", "--alias", "x", "--expires", "next week"], "--expires must be a date"],
      [["list", "--colour"], "Unknown option '--colour'"],
    ];
    for (const [args, message] of cases) {
      const r = await run("keys", args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("Usage:");
    }
    const [n] = await t.sql`select count(*)::int as n from accounts where name = 'A'`;
    expect(n!.n).toBe(0);
  }, 120_000);
});

describe("npm run ledger:import", () => {
  it("imports a JSONL file through the ingest path and names the rejected lines", async () => {
    const [key] = await t.sql`select id::int from api_keys where alias = 'prod'`;
    const token = tokenForKey(rawKey);
    const image = { request_id: "imp-1", key_token: token, kind: "image", model: "gpt-image-2", created_at: "2026-11-24T09:00:00+08:00", latency_ms: 30_000, status: 200, image: { size: "1024x1536", quality: "high", n: 1, images: 1 } };
    const chat = { request_id: "imp-2", key_id: key!.id, kind: "chat", model: "gemini-2.5-pro", created_at: "2026-11-24T01:00:00Z", latency_ms: 900, status: 200, chat: { input_tokens: 100, output_tokens: 20, cost_micros: 325 } };
    const failed = { ...chat, request_id: "imp-3", status: 503, error_code: "service_overloaded", chat: { input_tokens: 0, output_tokens: 0, cost_micros: 0 } };
    const file = path.join(dir, "calls.jsonl");
    fs.writeFileSync(file, [
      JSON.stringify(image),
      JSON.stringify(chat),
      "",
      JSON.stringify(image),
      "{not json",
      JSON.stringify({ ...chat, request_id: "imp-bad", status: 302 }),
      JSON.stringify(failed),
    ].join("\n") + "\n");

    const r = await run("ledger-import", [file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${file}: 3 accepted, 1 duplicate, 2 rejected\n` +
        "  rejected line 5: not valid JSON\n" +
        "  rejected line 6: status: must be 2xx (success) or 4xx/5xx (failure)\n",
    );
    const rows = await t.sql`select request_id, cost_micros::int as cost from calls order by request_id`;
    expect(rows).toEqual([
      { request_id: "imp-1", cost: 165_000 },
      { request_id: "imp-2", cost: 325 },
      { request_id: "imp-3", cost: 0 },
    ]);
    const [spent] = await t.sql`select spent_total_micros::int as spent from api_keys where id = ${key!.id}`;
    expect(spent!.spent).toBe(165_325);
  });

  it("sends more than 1,000 lines in batches of 1,000 and exits 0 when nothing is rejected", async () => {
    const [key] = await t.sql`select id::int from api_keys where alias = 'app'`;
    const file = path.join(dir, "many.jsonl");
    const lines = Array.from({ length: 1_205 }, (_, i) =>
      JSON.stringify({ request_id: `bulk-${i}`, key_id: key!.id, kind: "chat", model: "claude-haiku-4-5", created_at: "2026-11-20T10:00:00+08:00", latency_ms: 700, status: 200, chat: { input_tokens: 10, output_tokens: 10, cost_micros: 60 } }),
    );
    fs.writeFileSync(file, lines.join("\n"));
    const r = await run("ledger-import", [file]);
    expect(r.stdout).toBe(`${file}: 1205 accepted, 0 duplicate, 0 rejected\n`);
    expect(r.code).toBe(0);
    const [u] = await t.sql`select sum(calls)::int as calls, sum(cost_micros)::int as cost from usage_daily where key_id = ${key!.id}`;
    expect(u).toEqual({ calls: 1_205, cost: 1_205 * 60 });
  }, 120_000);

  it("exits 2 without a file or with a missing one", async () => {
    const none = await run("ledger-import", []);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Missing FILE.jsonl");
    const missing = await run("ledger-import", [path.join(dir, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("No such file:");
  });
});

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
