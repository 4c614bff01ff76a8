import "server-only";
import { and, desc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accounts, apiKeys, usageDaily } from "@/db/schema";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { addDays, billingDay } from "@/lib/time/billing-day";
import { getKeyRows } from "./keys-table";
import type { DayRange } from "./scope";
import { monthRange } from "./statements";
import { getTimeSeries } from "./time-series";
import type { AccountOverview, Alert, KeyRow, MonthToDate } from "./types";

const RUN_RATE_DAYS = 7;
const EXPIRY_WARNING_MS = 7 * 86_400_000;

/**
 * This Beijing month's cost so far and a month-end projection: the month's cost plus the average
 * daily cost of the last 7 billing days (today included) for each day left after today.
 */
export async function getMonthToDate(db: DbOrTx, accountId: number, now: Date): Promise<MonthToDate & { todayMicros: number }> {
  const today = billingDay(now);
  const month = today.slice(0, 7);
  const { from: monthStart, to: monthEnd } = monthRange(month);
  const weekStart = addDays(today, -(RUN_RATE_DAYS - 1));
  const from = weekStart < monthStart ? weekStart : monthStart;
  const rows = await db
    .select({ day: usageDaily.day, costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number) })
    .from(usageDaily)
    .where(and(eq(usageDaily.accountId, accountId), gte(usageDaily.day, from), lte(usageDaily.day, today)))
    .groupBy(usageDaily.day);
  let costMicros = 0;
  let week = 0;
  let todayMicros = 0;
  for (const r of rows) {
    if (r.day >= monthStart) costMicros += r.costMicros;
    if (r.day >= weekStart) week += r.costMicros;
    if (r.day === today) todayMicros = r.costMicros;
  }
  const runRateMicros = Math.round(week / RUN_RATE_DAYS);
  const daysLeft = Math.round((Date.parse(`${monthEnd}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { month, costMicros, runRateMicros, projectedMicros: costMicros + runRateMicros * daysLeft, daysLeft, todayMicros };
}

/** The account's most recently used key and when. */
export async function lastUsedOfAccount(db: DbOrTx, accountId: number): Promise<AccountOverview["lastUsed"]> {
  const [last] = await db
    .select({ id: apiKeys.id, alias: apiKeys.alias, display: apiKeys.display, at: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.accountId, accountId), isNotNull(apiKeys.lastUsedAt)))
    .orderBy(desc(apiKeys.lastUsedAt))
    .limit(1);
  return last?.at ? { keyId: last.id, alias: last.alias, display: last.display, at: last.at.toISOString() } : null;
}

/** What the dashboard warns about: limits at 80 % or 100 %, keys that can make no call, keys expiring within 7 days. */
export function keyAlerts(keys: KeyRow[], now: Date): Alert[] {
  const alerts: Alert[] = [];
  for (const k of keys) {
    if (k.status !== "active") {
      alerts.push({ kind: "unusable", keyId: k.id, alias: k.alias, reason: k.status });
      continue;
    }
    const checks: [("daily_images" | "daily_cost" | "total_cost"), number, number | null][] = [
      ["total_cost", k.spentTotalMicros, k.totalCostLimitMicros],
      ["daily_images", k.imagesToday, k.dailyImageCap],
      ["daily_cost", k.costTodayMicros, k.dailyCostLimitMicros],
    ];
    const exhausted = checks.find(([, used, cap]) => cap !== null && used >= cap);
    if (exhausted) alerts.push({ kind: "unusable", keyId: k.id, alias: k.alias, reason: exhausted[0] });
    for (const [limit, used, cap] of checks) {
      if (cap === null || cap <= 0 || used < cap * 0.8) continue;
      alerts.push({ kind: "usage", keyId: k.id, alias: k.alias, limit, level: used >= cap ? 100 : 80, used, cap });
    }
    if (k.expiresAt && Date.parse(k.expiresAt) - now.getTime() <= EXPIRY_WARNING_MS) {
      alerts.push({ kind: "expiring", keyId: k.id, alias: k.alias, expiresAt: k.expiresAt });
    }
  }
  return alerts;
}

/** Everything the dashboard's overview shows for an account and a range, from the rollups. */
export async function getAccountOverview(db: DbOrTx, accountId: number, range: DayRange, now: Date): Promise<AccountOverview> {
  const scope = { accountId };
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account) throw notFound("Account");
  // Summary, models, regions and every series come from one read of the range.
  const [keys, month, series] = await Promise.all([
    getKeyRows(db, accountId, range, now),
    getMonthToDate(db, accountId, now),
    getTimeSeries(db, scope, range),
  ]);
  const last = keys.reduce<KeyRow | null>((a, k) => (k.lastUsedAt && (!a?.lastUsedAt || k.lastUsedAt > a.lastUsedAt) ? k : a), null);
  const lastUsed = last?.lastUsedAt ? { keyId: last.id, alias: last.alias, display: last.display, at: last.lastUsedAt } : null;
  const { summary, models, regions } = series;
  summary.lastUsedAt = lastUsed?.at ?? null;
  const { todayMicros, ...monthToDate } = month;
  return {
    account: { id: account.id, name: account.name, currency: account.currency },
    fx: account.currency === "CNY" ? { currency: "CNY", rate: env.FX_USD_CNY } : null,
    from: range.from,
    to: range.to,
    bucket: series.bucket,
    today: {
      day: billingDay(now),
      costMicros: todayMicros,
      images: keys.reduce((s, k) => s + k.imagesToday, 0),
      imageCap: keys.filter((k) => k.status === "active").reduce((s, k) => s + k.dailyImageCap, 0),
    },
    monthToDate,
    allTimeCostMicros: keys.reduce((s, k) => s + k.spentTotalMicros, 0),
    lastUsed,
    summary,
    keys,
    models,
    regions,
    daily: series.daily,
    costByModel: series.costByModel,
    errors: series.errors,
    alerts: keyAlerts(keys, now),
  };
}
