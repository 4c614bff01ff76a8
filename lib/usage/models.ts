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
  return shapeModels(rows);
}

/** Per-model totals, costliest first, from rows of any finer grouping. */
export function shapeModels(rows: ModelRow[]): ModelRow[] {
  const byModel = new Map<string, ModelRow>();
  for (const r of rows) {
    const m = byModel.get(`${r.kind}:${r.model}`);
    if (!m) {
      byModel.set(`${r.kind}:${r.model}`, { model: r.model, kind: r.kind, calls: r.calls, images: r.images, inputTokens: r.inputTokens, outputTokens: r.outputTokens, costMicros: r.costMicros });
      continue;
    }
    m.calls += r.calls;
    m.images += r.images;
    m.inputTokens += r.inputTokens;
    m.outputTokens += r.outputTokens;
    m.costMicros += r.costMicros;
  }
  return [...byModel.values()].sort((a, b) => b.costMicros - a.costMicros || b.calls - a.calls || a.model.localeCompare(b.model));
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
  return shapeRegions(rows);
}

/** Per-region totals, costliest first, from rows of any finer grouping. */
export function shapeRegions(rows: RegionRow[]): RegionRow[] {
  const byRegion = new Map<string, RegionRow>();
  for (const r of rows) {
    const x = byRegion.get(r.region);
    if (!x) byRegion.set(r.region, { region: r.region, calls: r.calls, costMicros: r.costMicros });
    else {
      x.calls += r.calls;
      x.costMicros += r.costMicros;
    }
  }
  return [...byRegion.values()].sort((a, b) => b.costMicros - a.costMicros || b.calls - a.calls || a.region.localeCompare(b.region));
}
