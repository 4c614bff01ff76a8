import "server-only";
import { and, count, desc, eq, gt, gte } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { calls, inFlight, keyDayCounters, limitChanges, type ApiKey } from "@/db/schema";
import { keyState } from "@/lib/keys/lookup";
import { effectiveLimits } from "@/lib/limits/effective";
import { billingDay, billingDayStart, nextReset } from "@/lib/time/billing-day";
import type { KeyInfo, LimitName, Today } from "./types";

export function keyInfo(key: ApiKey, now: Date): KeyInfo {
  return {
    display: key.display,
    alias: key.alias,
    status: keyState(key, now),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}

/** Where a key stands today against each of its limits, and when the daily ones reset. */
export async function getToday(db: DbOrTx, key: ApiKey, now: Date): Promise<Today> {
  const day = billingDay(now);
  const [counter] = await db
    .select()
    .from(keyDayCounters)
    .where(and(eq(keyDayCounters.keyId, key.id), eq(keyDayCounters.day, day)));
  const [live] = await db
    .select({ n: count() })
    .from(inFlight)
    .where(and(eq(inFlight.keyId, key.id), eq(inFlight.accountId, key.accountId), gt(inFlight.expiresAt, now)));
  const limits = effectiveLimits(key, now);

  const today: Today = {
    day,
    nextResetAt: nextReset(now).toISOString(),
    imagesUsed: counter?.imagesUsed ?? 0,
    imagesReserved: counter?.imagesReserved ?? 0,
    dailyImageCap: limits.dailyImageCap,
    inFlight: live?.n ?? 0,
    concurrencyCap: limits.concurrencyCap,
    costTodayMicros: counter?.costUsedMicros ?? 0,
    dailyCostLimitMicros: limits.dailyCostLimitMicros,
    totalCostMicros: key.spentTotalMicros,
    totalCostLimitMicros: limits.totalCostLimitMicros,
    temporaryUntil: limits.temporaryUntil?.toISOString() ?? null,
    binding: null,
    blockedBy: null,
    blockedSince: null,
    disabledSince: key.status === "disabled" ? await disabledAt(db, key) : null,
  };
  today.binding = bindingLimit(today);
  today.blockedBy = blockingLimit(today);
  if (today.blockedBy) today.blockedSince = await lastBilledEnd(db, key, today.blockedBy === "total_cost" ? null : day);
  return today;
}

/**
 * The limit that refuses every new call now, in the gateway's order (daily images, daily cost,
 * total cost). Concurrency is left out: it frees itself within a call's length.
 */
export function blockingLimit(t: Today): Today["blockedBy"] {
  if (t.imagesUsed + t.imagesReserved >= t.dailyImageCap) return "daily_images";
  if (t.dailyCostLimitMicros !== null && t.costTodayMicros >= t.dailyCostLimitMicros) return "daily_cost";
  if (t.totalCostLimitMicros !== null && t.totalCostMicros >= t.totalCostLimitMicros) return "total_cost";
  return null;
}

/** When the key was last disabled, from the audit trail (keys disabled outside it have none). */
async function disabledAt(db: DbOrTx, key: ApiKey): Promise<string | null> {
  const [row] = await db
    .select({ at: limitChanges.at })
    .from(limitChanges)
    .where(and(eq(limitChanges.accountId, key.accountId), eq(limitChanges.keyId, key.id), eq(limitChanges.field, "status"), eq(limitChanges.newValue, "disabled")))
    .orderBy(desc(limitChanges.at))
    .limit(1);
  return row?.at.toISOString() ?? null;
}

/** The end of the key's last billed call (since `day`, if given): when its limit was used up. */
async function lastBilledEnd(db: DbOrTx, key: ApiKey, day: string | null): Promise<string | null> {
  const [row] = await db
    .select({ createdAt: calls.createdAt, latencyMs: calls.latencyMs })
    .from(calls)
    .where(
      and(
        eq(calls.accountId, key.accountId),
        eq(calls.keyId, key.id),
        gt(calls.costMicros, 0),
        day === null ? undefined : gte(calls.createdAt, billingDayStart(day)),
      ),
    )
    .orderBy(desc(calls.createdAt))
    .limit(1);
  return row ? new Date(row.createdAt.getTime() + row.latencyMs).toISOString() : null;
}

/** The limit with the highest use ratio: the one that will stop calls first. */
export function bindingLimit(
  t: Pick<
    Today,
    | "imagesUsed"
    | "imagesReserved"
    | "dailyImageCap"
    | "inFlight"
    | "concurrencyCap"
    | "costTodayMicros"
    | "dailyCostLimitMicros"
    | "totalCostMicros"
    | "totalCostLimitMicros"
  >,
): LimitName | null {
  const ratios: [LimitName, number][] = [
    ["daily_images", ratio(t.imagesUsed + t.imagesReserved, t.dailyImageCap)],
    ["concurrency", ratio(t.inFlight, t.concurrencyCap)],
    ["daily_cost", ratio(t.costTodayMicros, t.dailyCostLimitMicros)],
    ["total_cost", ratio(t.totalCostMicros, t.totalCostLimitMicros)],
  ];
  let best: [LimitName, number] | null = null;
  for (const r of ratios) if (r[1] > 0 && (!best || r[1] > best[1])) best = r;
  return best?.[0] ?? null;
}

function ratio(used: number, limit: number | null): number {
  if (limit === null) return 0;
  if (limit <= 0) return used > 0 ? Infinity : 1;
  return used / limit;
}
