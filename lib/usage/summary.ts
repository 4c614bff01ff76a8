import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { usageDaily } from "@/db/schema";
import { rollupWhere, type DayRange, type UsageScope } from "./scope";
import { errorGroup, type Summary } from "./types";

/** Totals over a range of billing days, from the rollup. */
export async function getSummary(
  db: DbOrTx,
  scope: UsageScope,
  range: DayRange,
  lastUsedAt: Date | null,
): Promise<Summary> {
  const rows = await db
    .select({
      kind: usageDaily.kind,
      errorCode: usageDaily.errorCode,
      calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
      images: sql<number>`sum(${usageDaily.images})`.mapWith(Number),
      costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number),
    })
    .from(usageDaily)
    .where(rollupWhere(scope, range))
    .groupBy(usageDaily.kind, usageDaily.errorCode);

  return shapeSummary(range, rows, lastUsedAt);
}

/** Totals of a range from rows grouped at least by kind and error code ('' = succeeded). */
export function shapeSummary(
  range: DayRange,
  rows: { kind: "image" | "chat"; errorCode: string; calls: number; images: number; costMicros: number }[],
  lastUsedAt: Date | null,
): Summary {
  const summary: Summary = {
    from: range.from,
    to: range.to,
    days: dayCount(range),
    calls: 0,
    okCalls: 0,
    failedCalls: 0,
    images: 0,
    costMicros: 0,
    imageCostMicros: 0,
    chatCostMicros: 0,
    imageCalls: 0,
    chatCalls: 0,
    failedByCode: [],
    lastUsedAt: lastUsedAt?.toISOString() ?? null,
  };
  const failed = new Map<string, number>();
  for (const r of rows) {
    summary.calls += r.calls;
    summary.images += r.images;
    summary.costMicros += r.costMicros;
    if (r.kind === "image") {
      summary.imageCalls += r.calls;
      summary.imageCostMicros += r.costMicros;
    } else {
      summary.chatCalls += r.calls;
      summary.chatCostMicros += r.costMicros;
    }
    if (r.errorCode === "") summary.okCalls += r.calls;
    else {
      summary.failedCalls += r.calls;
      failed.set(r.errorCode, (failed.get(r.errorCode) ?? 0) + r.calls);
    }
  }
  summary.failedByCode = [...failed]
    .map(([code, calls]) => ({ code, group: errorGroup(code), calls }))
    .sort((a, b) => b.calls - a.calls || a.code.localeCompare(b.code));
  return summary;
}

export function dayCount(range: DayRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
}
