import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accounts, apiKeys, keyDayCounters, type ApiKey } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { keyState } from "@/lib/keys/lookup";
import { effectiveLimits } from "@/lib/limits/effective";
import { billingDay } from "@/lib/time/billing-day";

/** A key as the console shows it: limits as stored, limits in force now with their ends, today's use. */
export type StaffKeyView = Awaited<ReturnType<typeof staffKeyView>>;

export async function getStaffKey(db: DbOrTx, keyId: number, now: Date) {
  const [row] = await db
    .select({ key: apiKeys, accountName: accounts.name })
    .from(apiKeys)
    .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
    .where(eq(apiKeys.id, keyId));
  if (!row) throw notFound("Key");
  const [counter] = await db
    .select()
    .from(keyDayCounters)
    .where(and(eq(keyDayCounters.keyId, keyId), eq(keyDayCounters.day, billingDay(now))));
  return staffKeyView(row.key, row.accountName, now, counter);
}

export function staffKeyView(
  key: ApiKey,
  accountName: string,
  now: Date,
  counter?: { imagesUsed: number; imagesReserved: number; costUsedMicros: number },
) {
  const eff = effectiveLimits(key, now);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: key.id,
    accountId: key.accountId,
    accountName,
    alias: key.alias,
    display: key.display,
    status: keyState(key, now),
    storedStatus: key.status,
    expiresAt: iso(key.expiresAt),
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: iso(key.lastUsedAt),
    stored: {
      dailyImageCap: key.dailyImageCap,
      concurrencyCap: key.concurrencyCap,
      dailyCostLimitMicros: key.dailyCostLimitMicros,
      totalCostLimitMicros: key.totalCostLimitMicros,
      temporary: {
        dailyImageCap: { value: key.tempDailyImageCap, until: iso(key.tempDailyImageCapUntil) },
        concurrencyCap: { value: key.tempConcurrencyCap, until: iso(key.tempConcurrencyCapUntil) },
        dailyCostLimitMicros: { value: key.tempDailyCostLimitMicros, until: iso(key.tempDailyCostLimitUntil) },
        totalCostLimitMicros: { value: key.tempTotalCostLimitMicros, until: iso(key.tempTotalCostLimitUntil) },
      },
    },
    inForce: {
      dailyImageCap: { value: eff.dailyImageCap, until: iso(eff.until.dailyImageCap) },
      concurrencyCap: { value: eff.concurrencyCap, until: iso(eff.until.concurrencyCap) },
      dailyCostLimitMicros: { value: eff.dailyCostLimitMicros, until: iso(eff.until.dailyCostLimitMicros) },
      totalCostLimitMicros: { value: eff.totalCostLimitMicros, until: iso(eff.until.totalCostLimitMicros) },
    },
    today: {
      day: billingDay(now),
      images: (counter?.imagesUsed ?? 0) + (counter?.imagesReserved ?? 0),
      costMicros: counter?.costUsedMicros ?? 0,
    },
    spentTotalMicros: key.spentTotalMicros,
  };
}
