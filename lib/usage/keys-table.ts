import "server-only";
import { and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiKeys, inFlight, keyDayCounters, usageDaily } from "@/db/schema";
import { keyState } from "@/lib/keys/lookup";
import { effectiveLimits } from "@/lib/limits/effective";
import { billingDay } from "@/lib/time/billing-day";
import { rollupWhere, type DayRange } from "./scope";
import { bindingLimit } from "./today";
import type { KeyRow } from "./types";

/**
 * Every key of an account with where it stands today and what it spent in the range, highest
 * range spend first: four small reads (keys, today's counters, leases, range cost per key).
 */
export async function getKeyRows(db: DbOrTx, accountId: number, range: DayRange, now: Date): Promise<KeyRow[]> {
  const day = billingDay(now);
  const [keys, counters, leases, spend] = await Promise.all([
    db.select().from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(asc(apiKeys.id)),
    // By the counters' primary key (key_id, day) for each of the account's keys: the table holds
    // every key's every day, so filtering it by account alone would read all of it.
    db
      .select()
      .from(keyDayCounters)
      .where(
        and(
          inArray(keyDayCounters.keyId, db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.accountId, accountId))),
          eq(keyDayCounters.day, day),
          eq(keyDayCounters.accountId, accountId),
        ),
      ),
    db
      .select({ keyId: inFlight.keyId, n: count() })
      .from(inFlight)
      .where(and(eq(inFlight.accountId, accountId), gt(inFlight.expiresAt, now)))
      .groupBy(inFlight.keyId),
    db
      .select({ keyId: usageDaily.keyId, costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number) })
      .from(usageDaily)
      .where(rollupWhere({ accountId }, range))
      .groupBy(usageDaily.keyId),
  ]);
  const counterOf = new Map(counters.map((c) => [c.keyId, c]));
  const leasesOf = new Map(leases.map((l) => [l.keyId, l.n]));
  const spendOf = new Map(spend.map((s) => [s.keyId, s.costMicros]));
  const rows = keys.map((k): KeyRow => {
    const limits = effectiveLimits(k, now);
    const c = counterOf.get(k.id);
    const imagesToday = c?.imagesUsed ?? 0;
    const costTodayMicros = c?.costUsedMicros ?? 0;
    const inFlightNow = leasesOf.get(k.id) ?? 0;
    return {
      id: k.id,
      alias: k.alias,
      display: k.display,
      status: keyState(k, now),
      expiresAt: k.expiresAt?.toISOString() ?? null,
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      imagesToday,
      costTodayMicros,
      inFlight: inFlightNow,
      rangeCostMicros: spendOf.get(k.id) ?? 0,
      spentTotalMicros: k.spentTotalMicros,
      dailyImageCap: limits.dailyImageCap,
      concurrencyCap: limits.concurrencyCap,
      dailyCostLimitMicros: limits.dailyCostLimitMicros,
      totalCostLimitMicros: limits.totalCostLimitMicros,
      temporaryUntil: limits.temporaryUntil?.toISOString() ?? null,
      binding: bindingLimit({
        imagesUsed: imagesToday,
        imagesReserved: c?.imagesReserved ?? 0,
        dailyImageCap: limits.dailyImageCap,
        inFlight: inFlightNow,
        concurrencyCap: limits.concurrencyCap,
        costTodayMicros,
        dailyCostLimitMicros: limits.dailyCostLimitMicros,
        totalCostMicros: k.spentTotalMicros,
        totalCostLimitMicros: limits.totalCostLimitMicros,
      }),
    };
  });
  return rows.sort((a, b) => b.rangeCostMicros - a.rangeCostMicros || b.spentTotalMicros - a.spentTotalMicros || a.id - b.id);
}
