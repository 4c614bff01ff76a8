import "server-only";
import { ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { usageDaily } from "@/db/schema";
import { BILLING_TZ } from "@/lib/time/billing-day";
import { daysOf } from "./daily";
import { rollupWhere, type DayRange, type UsageScope } from "./scope";
import { errorGroup, type ErrorSeries } from "./types";

const GROUP_ORDER = { limits: 0, request: 1, service: 2, closed: 3 } as const;

/** Failed calls per error code per billing day, each code tagged with its group (see errorGroup). */
export async function getErrorSeries(db: DbOrTx, scope: UsageScope, range: DayRange): Promise<ErrorSeries> {
  const rows = await db
    .select({
      day: usageDaily.day,
      code: usageDaily.errorCode,
      calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
    })
    .from(usageDaily)
    .where(rollupWhere(scope, range, ne(usageDaily.errorCode, "")))
    .groupBy(usageDaily.day, usageDaily.errorCode);

  return shapeErrorSeries(daysOf(range), rows);
}

/** Failed calls per code over `days` (days or hours) from bucketed rows of failed calls. */
export function shapeErrorSeries(days: string[], rows: { day: string; code: string; calls: number }[]): ErrorSeries {
  const index = new Map(days.map((d, i) => [d, i]));
  const byCode = new Map<string, number[]>();
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined || r.code === "") continue;
    const counts = byCode.get(r.code) ?? Array<number>(days.length).fill(0);
    counts[i]! += r.calls;
    byCode.set(r.code, counts);
  }
  const codes = [...byCode]
    .map(([code, counts]) => ({ code, group: errorGroup(code), counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => GROUP_ORDER[a.group] - GROUP_ORDER[b.group] || b.total - a.total || a.code.localeCompare(b.code));
  return { timeZone: BILLING_TZ, days, codes };
}
