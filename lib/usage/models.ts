import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { usageDaily } from "@/db/schema";
import { rollupWhere, type DayRange, type UsageScope } from "./scope";
import type { ModelRow, RegionRow } from "./types";

/** Image and chat models side by side over the range: calls, images, tokens and cost, costliest first. */
export async function getModelBreakdown(db: DbOrTx, scope: UsageScope, range: DayRange): Promise<ModelRow[]> {
  const rows = await db
    .select({
      model: usageDaily.model,
      kind: usageDaily.kind,
      calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
      images: sql<number>`sum(${usageDaily.images})`.mapWith(Number),
      inputTokens: sql<number>`sum(${usageDaily.inputTokens})`.mapWith(Number),
      outputTokens: sql<number>`sum(${usageDaily.outputTokens})`.mapWith(Number),
      costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number),
    })
    .from(usageDaily)
    .where(rollupWhere(scope, range))
    .groupBy(usageDaily.model, usageDaily.kind);
  return rows.sort((a, b) => b.costMicros - a.costMicros || b.calls - a.calls || a.model.localeCompare(b.model));
}

/** Calls and cost per region over the range ('' = unknown), costliest first. */
export async function getRegionCosts(db: DbOrTx, scope: UsageScope, range: DayRange): Promise<RegionRow[]> {
  const rows = await db
    .select({
      region: usageDaily.region,
      calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
      costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number),
    })
    .from(usageDaily)
    .where(rollupWhere(scope, range))
    .groupBy(usageDaily.region);
  return rows.sort((a, b) => b.costMicros - a.costMicros || b.calls - a.calls || a.region.localeCompare(b.region));
}
