import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { usageDaily } from "@/db/schema";
import { IMAGE_QUALITIES, IMAGE_SIZES } from "@/lib/pricing/price-book";
import { rollupWhere, type DayRange, type UsageScope } from "./scope";
import type { Breakdown, BreakdownCell } from "./types";

/** Size × quality matrix of image calls: calls, images delivered, cost and share of cost. */
export async function getBreakdown(db: DbOrTx, scope: UsageScope, range: DayRange): Promise<Breakdown> {
  const rows = await db
    .select({
      size: usageDaily.size,
      quality: usageDaily.quality,
      calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
      images: sql<number>`sum(${usageDaily.images})`.mapWith(Number),
      costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number),
    })
    .from(usageDaily)
    .where(and(rollupWhere(scope, range), eq(usageDaily.kind, "image")))
    .groupBy(usageDaily.size, usageDaily.quality);

  const sizes: string[] = [...IMAGE_SIZES];
  const qualities: string[] = [...IMAGE_QUALITIES];
  for (const r of rows) {
    if (r.size && !sizes.includes(r.size)) sizes.push(r.size);
    if (r.quality && !qualities.includes(r.quality)) qualities.push(r.quality);
  }
  const totalCostMicros = rows.reduce((s, r) => s + r.costMicros, 0);
  const cells: BreakdownCell[] = [];
  for (const size of sizes) {
    for (const quality of qualities) {
      const r = rows.find((x) => x.size === size && x.quality === quality);
      const costMicros = r?.costMicros ?? 0;
      cells.push({
        size,
        quality,
        calls: r?.calls ?? 0,
        images: r?.images ?? 0,
        costMicros,
        share: totalCostMicros > 0 ? costMicros / totalCostMicros : 0,
      });
    }
  }
  return { from: range.from, to: range.to, sizes, qualities, cells, totalCostMicros };
}
