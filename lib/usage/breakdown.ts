import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { usageDaily } from "@/db/schema";
import { IMAGE_QUALITIES } from "@/lib/pricing/price-book";
import { env } from "@/lib/env";
import { rollupWhere, type DayRange, type UsageScope } from "./scope";
import type { Breakdown, BreakdownCell } from "./types";

/**
 * Size × quality matrix of the image calls that succeeded (and so were billed): calls, images
 * delivered, cost and share of cost. The sizes are those the gateway sells, plus any size billed
 * in the range (imports). Failed image calls are not in the matrix: `excluded` counts them by
 * error code, so the matrix and the summary's image calls reconcile.
 */
export async function getBreakdown(db: DbOrTx, scope: UsageScope, range: DayRange): Promise<Breakdown> {
  const base = and(rollupWhere(scope, range), eq(usageDaily.kind, "image"));
  const sums = {
    calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
    images: sql<number>`sum(${usageDaily.images})`.mapWith(Number),
    costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number),
  };
  const [rows, failed] = await Promise.all([
    db
      .select({ size: usageDaily.size, quality: usageDaily.quality, ...sums })
      .from(usageDaily)
      .where(and(base, eq(usageDaily.errorCode, "")))
      .groupBy(usageDaily.size, usageDaily.quality),
    db
      .select({ code: usageDaily.errorCode, calls: sums.calls })
      .from(usageDaily)
      .where(and(base, ne(usageDaily.errorCode, "")))
      .groupBy(usageDaily.errorCode),
  ]);

  const sizes: string[] = [...env.ALLOWED_SIZES];
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
  const excluded = failed.map((f) => ({ code: f.code, calls: f.calls })).sort((a, b) => b.calls - a.calls || a.code.localeCompare(b.code));
  return { from: range.from, to: range.to, sizes, qualities, cells, totalCostMicros, excluded };
}
