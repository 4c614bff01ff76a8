import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { usageDaily } from "@/db/schema";
import { invalidRequest } from "@/lib/errors";
import { addDays } from "@/lib/time/billing-day";
import type { DayRange } from "./scope";
import type { MonthStatement } from "./types";

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-11" → { from: "2026-11-01", to: "2026-11-30" } (Beijing calendar month of billing days). */
export function monthRange(month: string): DayRange {
  const m = MONTH_RE.exec(month);
  if (!m) throw invalidRequest("Invalid month: must be YYYY-MM", "month");
  const from = `${month}-01`;
  const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, "0")}-01`;
  return { from, to: addDays(next, -1) };
}

/**
 * One statement per Beijing calendar month since the account's first call, newest first, from the
 * rollup: calls, images, image and chat cost, and the price-book versions that priced the images.
 */
export async function getStatements(db: DbOrTx, accountId: number): Promise<MonthStatement[]> {
  const month = sql<string>`to_char(${usageDaily.day}, 'YYYY-MM')`;
  const rows = await db
    .select({
      month,
      kind: usageDaily.kind,
      priceVersion: usageDaily.priceVersion,
      calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
      images: sql<number>`sum(${usageDaily.images})`.mapWith(Number),
      costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number),
    })
    .from(usageDaily)
    .where(and(eq(usageDaily.accountId, accountId)))
    .groupBy(month, usageDaily.kind, usageDaily.priceVersion);

  const byMonth = new Map<string, MonthStatement>();
  for (const r of rows) {
    let s = byMonth.get(r.month);
    if (!s) {
      s = { month: r.month, calls: 0, images: 0, imageCostMicros: 0, chatCostMicros: 0, costMicros: 0, priceBookVersions: [] };
      byMonth.set(r.month, s);
    }
    s.calls += r.calls;
    s.images += r.images;
    s.costMicros += r.costMicros;
    if (r.kind === "image") s.imageCostMicros += r.costMicros;
    else s.chatCostMicros += r.costMicros;
    if (r.priceVersion > 0 && !s.priceBookVersions.includes(r.priceVersion)) s.priceBookVersions.push(r.priceVersion);
  }
  const months = [...byMonth.values()].sort((a, b) => b.month.localeCompare(a.month));
  for (const m of months) m.priceBookVersions.sort((a, b) => a - b);
  return months;
}
