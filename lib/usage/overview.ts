import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accounts, type ApiKey } from "@/db/schema";
import { env } from "@/lib/env";
import { addDays, billingDay } from "@/lib/time/billing-day";
import { getBreakdown } from "./breakdown";
import { getDailySeries } from "./daily";
import { getErrorSeries } from "./errors";
import { firstCallDay } from "./range";
import type { DayRange, UsageScope } from "./scope";
import { getSummary } from "./summary";
import { getToday, keyInfo } from "./today";
import type { Overview, Settlement } from "./types";

export const USAGE_DAYS = 30;

/** The last `days` billing days, today included. */
export function lastDays(now: Date, days = USAGE_DAYS): DayRange {
  const to = billingDay(now);
  return { from: addDays(to, -(days - 1)), to };
}

export function keyScope(key: ApiKey): UsageScope {
  return { accountId: key.accountId, keyId: key.id };
}

/** The account's settlement currency, with the display rate for CNY amounts. */
export async function settlementOf(db: DbOrTx, accountId: number): Promise<Settlement> {
  const [row] = await db.select({ currency: accounts.currency }).from(accounts).where(eq(accounts.id, accountId));
  return { currency: row?.currency ?? "USD", usdCny: env.FX_USD_CNY };
}

/**
 * Everything the usage page's cards and charts show for one key over `range` (default: the last
 * 30 days), read from the rollups. Validate a caller's range with `requestRange` first.
 */
export async function getKeyOverview(db: DbOrTx, key: ApiKey, now: Date, range: DayRange = lastDays(now)): Promise<Overview> {
  const scope = keyScope(key);
  const [today, summary, daily, breakdown, errors, first, settlement] = await Promise.all([
    getToday(db, key, now),
    getSummary(db, scope, range, key.lastUsedAt),
    getDailySeries(db, scope, range),
    getBreakdown(db, scope, range),
    getErrorSeries(db, scope, range),
    firstCallDay(db, scope),
    settlementOf(db, key.accountId),
  ]);
  return { key: keyInfo(key, now), today, summary, daily, breakdown, errors, firstCallDay: first, settlement };
}
