/**
 * API keys from the command line.
 *   npm run keys -- create --account "Acme" --alias prod [--daily-images N] [--concurrency N]
 *                          [--daily-cost-usd X] [--total-cost-usd X] [--expires 2027-01-01] [--currency USD|CNY]
 *   npm run keys -- list [--account "Acme"]
 * Uses DATABASE_URL, or the checkout's embedded PostgreSQL.
 */
import { parseArgs } from "node:util";
import { and, asc, eq } from "drizzle-orm";
import { accounts, apiKeys } from "@/db/schema";
import { createKey } from "@/lib/keys/create-key";
import { keyState } from "@/lib/keys/lookup";
import { effectiveLimits } from "@/lib/limits/effective";
import { formatUsd } from "@/lib/pricing/format";
import { billingDayStart, isDay } from "@/lib/time/billing-day";
import { beijingTime, printTable, runCli, UsageError } from "./cli";
import { withDatabase } from "./with-database";

const USAGE = `Usage:
  npm run keys -- create --account NAME --alias ALIAS [--daily-images N] [--concurrency N]
                         [--daily-cost-usd X] [--total-cost-usd X] [--expires YYYY-MM-DD|ISO-TIME]
                         [--currency USD|CNY]
  npm run keys -- list [--account NAME]

--expires YYYY-MM-DD means midnight Beijing time at the start of that day (when limits reset).
--currency applies only when the account is new.`;


const OPTIONS = {
  account: { type: "string" },
  alias: { type: "string" },
  "daily-images": { type: "string" },
  concurrency: { type: "string" },
  "daily-cost-usd": { type: "string" },
  "total-cost-usd": { type: "string" },
  expires: { type: "string" },
  currency: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) {
    throw new UsageError(`--${name} must be a whole number from 1 to 1,000,000, got "${value}"`);
  }
  return Number(value);
}

/** "12.5" → 12_500_000 micro-USD, from the digits (no float rounding). */
function usdMicros(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(value);
  if (!m) throw new UsageError(`--${name} must be an amount in US dollars such as 25 or 12.50, got "${value}"`);
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? "").padEnd(6, "0"));
}

function expiry(value: string | undefined, now: Date): Date | null {
  if (value === undefined) return null;
  let at: Date;
  if (isDay(value)) at = billingDayStart(value);
  else if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) at = new Date(value);
  else throw new UsageError(`--expires must be a date (2027-01-01) or a time with its zone (2027-01-01T00:00:00+08:00), got "${value}"`);
  if (at.getTime() <= now.getTime()) throw new UsageError(`--expires ${value} is in the past`);
  return at;
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value.trim();
}

async function create(values: Values) {
  const now = new Date();
  const accountName = required("account", values.account);
  const alias = required("alias", values.alias);
  const currency = values.currency?.toUpperCase();
  if (currency !== undefined && currency !== "USD" && currency !== "CNY") {
    throw new UsageError(`--currency must be USD or CNY, got "${values.currency}"`);
  }
  const input = {
    accountName,
    alias,
    currency: currency as "USD" | "CNY" | undefined,
    dailyImageCap: positiveInt("daily-images", values["daily-images"]),
    concurrencyCap: positiveInt("concurrency", values.concurrency),
    dailyCostLimitMicros: usdMicros("daily-cost-usd", values["daily-cost-usd"]),
    totalCostLimitMicros: usdMicros("total-cost-usd", values["total-cost-usd"]),
    expiresAt: expiry(values.expires, now),
  };

  await withDatabase(async (db) => {
    const [taken] = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
      .where(and(eq(accounts.name, accountName), eq(apiKeys.alias, alias)));
    if (taken) throw new Error(`${accountName} already has a key named "${alias}": pick another alias`);
    const { rawKey, key } = await createKey(db, input);
    const limits = effectiveLimits(key, now);
    console.log(`Created a key for ${accountName} / ${alias}.`);
    console.log("");
    console.log(`  key       ${rawKey}`);
    console.log(`  display   ${key.display}`);
    console.log(`  limits    ${describeLimits(limits)}`);
    console.log(`  expires   ${key.expiresAt ? beijingTime(key.expiresAt) : "never"}`);
    console.log("");
    console.log("The key is shown only this once: only its hash is stored. Keep it somewhere safe.");
  });
}

async function list(values: Values) {
  await withDatabase(async (db) => {
    const now = new Date();
    const rows = await db
      .select({ key: apiKeys, account: accounts.name })
      .from(apiKeys)
      .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
      .where(values.account ? eq(accounts.name, values.account) : undefined)
      .orderBy(asc(accounts.name), asc(apiKeys.alias), asc(apiKeys.id));
    if (rows.length === 0) {
      console.log(values.account ? `No keys for account "${values.account}".` : "No keys yet: create one with `npm run keys -- create`.");
      return;
    }
    const table = rows.map(({ key, account }) => {
      const l = effectiveLimits(key, now);
      return [
        account,
        key.alias,
        key.display,
        keyState(key, now),
        key.expiresAt ? beijingTime(key.expiresAt) : "never",
        String(l.dailyImageCap),
        String(l.concurrencyCap),
        l.dailyCostLimitMicros === null ? "none" : formatUsd(l.dailyCostLimitMicros),
        l.totalCostLimitMicros === null ? "none" : formatUsd(l.totalCostLimitMicros),
        formatUsd(key.spentTotalMicros),
      ];
    });
    printTable(["account", "alias", "key", "status", "expires (Beijing)", "images/day", "concurrency", "daily cost", "total cost", "spent"], table);
  });
}

function describeLimits(l: ReturnType<typeof effectiveLimits>): string {
  const money = (m: number | null) => (m === null ? "none" : formatUsd(m));
  return `${l.dailyImageCap} images/day · ${l.concurrencyCap} concurrent · daily cost ${money(l.dailyCostLimitMicros)} · total cost ${money(l.totalCostLimitMicros)}`;
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }
  if (extra.length) throw new UsageError(`Unexpected argument: ${extra[0]}`);
  if (command === "create") return create(parsed.values);
  if (command === "list") return list(parsed.values);
  throw new UsageError(command ? `Unknown command "${command}": use create or list` : "Missing command: create or list");
}

runCli("keys", USAGE, main);
