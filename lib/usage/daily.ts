import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { usageDaily } from "@/db/schema";
import { IMAGE_QUALITIES, IMAGE_SIZES } from "@/lib/pricing/price-book";
import { addDays, BILLING_TZ } from "@/lib/time/billing-day";
import { rollupWhere, type DayRange, type UsageScope } from "./scope";
import { dayCount } from "./summary";
import type { DailySeries, Series } from "./types";

export function daysOf(range: DayRange): string[] {
  return Array.from({ length: dayCount(range) }, (_, i) => addDays(range.from, i));
}

function emptySeries(n: number): Series {
  return { images: Array(n).fill(0), costMicros: Array(n).fill(0), calls: Array(n).fill(0) };
}

function add(s: Series, i: number, r: { images: number; costMicros: number; calls: number }) {
  s.images[i]! += r.images;
  s.costMicros[i]! += r.costMicros;
  s.calls[i]! += r.calls;
}

/** Rows of a time-bucketed read: the bucket label (a day, or an hour) and the call shape. */
export type BucketRow = {
  day: string;
  kind: "image" | "chat";
  size: string;
  quality: string;
  calls: number;
  images: number;
  costMicros: number;
};

/** Images, cost and calls per billing day (zero-filled), split by quality, by size, and chat. */
export async function getDailySeries(db: DbOrTx, scope: UsageScope, range: DayRange): Promise<DailySeries> {
  const rows = await db
    .select({
      day: usageDaily.day,
      kind: usageDaily.kind,
      size: usageDaily.size,
      quality: usageDaily.quality,
      calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
      images: sql<number>`sum(${usageDaily.images})`.mapWith(Number),
      costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number),
    })
    .from(usageDaily)
    .where(rollupWhere(scope, range))
    .groupBy(usageDaily.day, usageDaily.kind, usageDaily.size, usageDaily.quality);
  return shapeDailySeries(daysOf(range), rows);
}

/** The series of `labels` (days or hours, zero-filled) from bucketed rows. */
export function shapeDailySeries(days: string[], rows: BucketRow[]): DailySeries {
  const index = new Map(days.map((d, i) => [d, i]));
  const byQuality: Record<string, Series> = Object.fromEntries(IMAGE_QUALITIES.map((q) => [q, emptySeries(days.length)]));
  const bySize: Record<string, Series> = Object.fromEntries(IMAGE_SIZES.map((s) => [s, emptySeries(days.length)]));
  const chat = emptySeries(days.length);
  const totals = emptySeries(days.length);
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined) continue;
    add(totals, i, r);
    if (r.kind === "chat") {
      add(chat, i, r);
      continue;
    }
    // '' is "not applicable" (a call refused before its size or quality was known): it is in the
    // totals but gets no series of its own.
    if (r.quality) add((byQuality[r.quality] ??= emptySeries(days.length)), i, r);
    if (r.size) add((bySize[r.size] ??= emptySeries(days.length)), i, r);
  }
  return { timeZone: BILLING_TZ, days, byQuality, bySize, chat, totals };
}
