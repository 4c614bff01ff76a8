import "server-only";
import type { DbOrTx } from "@/db";
import type { ApiKey } from "@/db/schema";
import { addDays, billingDay } from "@/lib/time/billing-day";
import { getBreakdown } from "./breakdown";
import { getDailySeries } from "./daily";
import { getErrorSeries } from "./errors";
import type { DayRange, UsageScope } from "./scope";
import { getSummary } from "./summary";
import { getToday, keyInfo } from "./today";
import type { Overview } from "./types";

export const USAGE_DAYS = 30;

/** The last `days` billing days, today included. */
export function lastDays(now: Date, days = USAGE_DAYS): DayRange {
  const to = billingDay(now);
  return { from: addDays(to, -(days - 1)), to };
}

export function keyScope(key: ApiKey): UsageScope {
  return { accountId: key.accountId, keyId: key.id };
}

/** Everything the usage page's cards and charts show for one key, read from the rollups. */
export async function getKeyOverview(db: DbOrTx, key: ApiKey, now: Date, range: DayRange = lastDays(now)): Promise<Overview> {
  const scope = keyScope(key);
  const [today, summary, daily, breakdown, errors] = await Promise.all([
    getToday(db, key, now),
    getSummary(db, scope, range, key.lastUsedAt),
    getDailySeries(db, scope, range),
    getBreakdown(db, scope, range),
    getErrorSeries(db, scope, range),
  ]);
  return { key: keyInfo(key, now), today, summary, daily, breakdown, errors };
}
