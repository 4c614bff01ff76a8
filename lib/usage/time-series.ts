import "server-only";
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { calls, usageDaily } from "@/db/schema";
import { addDays, billingDayStart } from "@/lib/time/billing-day";
import { daysOf, shapeDailySeries, type BucketRow } from "./daily";
import { shapeErrorSeries } from "./errors";
import { isHourly, HOURLY_MAX_DAYS } from "./range";
import { rollupWhere, type DayRange, type UsageScope } from "./scope";
import { dayCount } from "./summary";
import { shapeModels, shapeRegions } from "./models";
import { shapeSummary } from "./summary";
import type { Bucket, DailySeries, ErrorSeries, ModelRow, ModelSeries, RegionRow, Summary } from "./types";

type ShapeRow = BucketRow & { model: string; errorCode: string; region: string; inputTokens: number; outputTokens: number };

export type TimeSeries = {
  bucket: Bucket;
  daily: DailySeries;
  costByModel: ModelSeries;
  errors: ErrorSeries;
  /** The same read's totals: the range summary, models and regions, without reading the ledger again. */
  summary: Summary;
  models: ModelRow[];
  regions: RegionRow[];
};

/** "2026-11-24" → ["2026-11-24 00:00", …, "2026-11-24 23:00"] for each day of the range. */
export function hoursOf(range: DayRange): string[] {
  return daysOf(range).flatMap((d) => Array.from({ length: 24 }, (_, h) => `${d} ${String(h).padStart(2, "0")}:00`));
}

/**
 * Every per-bucket chart of a range from one read: images and cost by quality, cost by model,
 * failures by code. Days come from the rollup; a range of 2 days or less is read hour by hour from
 * `calls` through the account-time index, bounded to those 48 hours.
 */
export async function getTimeSeries(db: DbOrTx, scope: UsageScope, range: DayRange): Promise<TimeSeries> {
  const hourly = isHourly(range);
  const rows = hourly ? await hourRows(db, scope, range) : await dayRows(db, scope, range);
  const labels = hourly ? hoursOf(range) : daysOf(range);
  const bucket: Bucket = hourly ? "hour" : "day";
  const daily = { ...shapeDailySeries(labels, rows), bucket };
  const errors = { ...shapeErrorSeries(labels, rows.map((r) => ({ day: r.day, code: r.errorCode, calls: r.calls }))), bucket };
  return {
    bucket,
    daily,
    errors,
    costByModel: shapeModelSeries(labels, rows, bucket),
    summary: shapeSummary(range, rows, null),
    models: shapeModels(rows),
    regions: shapeRegions(rows),
  };
}

function shapeModelSeries(days: string[], rows: ShapeRow[], bucket: Bucket): ModelSeries {
  const index = new Map(days.map((d, i) => [d, i]));
  const byModel = new Map<string, { model: string; kind: "image" | "chat"; costMicros: number[]; total: number }>();
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined || r.costMicros === 0) continue;
    let m = byModel.get(r.model);
    if (!m) byModel.set(r.model, (m = { model: r.model, kind: r.kind, costMicros: Array<number>(days.length).fill(0), total: 0 }));
    m.costMicros[i]! += r.costMicros;
    m.total += r.costMicros;
  }
  const models = [...byModel.values()].sort((a, b) => b.total - a.total || a.model.localeCompare(b.model));
  return { timeZone: "Asia/Shanghai", bucket, days, models };
}

async function dayRows(db: DbOrTx, scope: UsageScope, range: DayRange): Promise<ShapeRow[]> {
  return db
    .select({
      day: usageDaily.day,
      kind: usageDaily.kind,
      model: usageDaily.model,
      size: usageDaily.size,
      quality: usageDaily.quality,
      errorCode: usageDaily.errorCode,
      region: usageDaily.region,
      calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
      images: sql<number>`sum(${usageDaily.images})`.mapWith(Number),
      costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number),
      inputTokens: sql<number>`sum(${usageDaily.inputTokens})`.mapWith(Number),
      outputTokens: sql<number>`sum(${usageDaily.outputTokens})`.mapWith(Number),
    })
    .from(usageDaily)
    .where(rollupWhere(scope, range))
    .groupBy(usageDaily.day, usageDaily.kind, usageDaily.model, usageDaily.size, usageDaily.quality, usageDaily.errorCode, usageDaily.region);
}

async function hourRows(db: DbOrTx, scope: UsageScope, range: DayRange): Promise<ShapeRow[]> {
  if (dayCount(range) > HOURLY_MAX_DAYS) throw new RangeError("hourly buckets cover at most 2 days");
  const hour = sql<string>`to_char(${calls.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:"00"')`;
  const size = sql<string>`coalesce(${calls.size}, '')`;
  const quality = sql<string>`coalesce(${calls.quality}, '')`;
  const errorCode = sql<string>`coalesce(${calls.errorCode}, '')`;
  const region = sql<string>`coalesce(${calls.region}, '')`;
  return db
    .select({
      day: hour,
      kind: calls.kind,
      model: calls.model,
      size,
      quality,
      errorCode,
      region,
      calls: sql<number>`count(*)`.mapWith(Number),
      images: sql<number>`sum(${calls.imagesDelivered})`.mapWith(Number),
      costMicros: sql<number>`sum(${calls.costMicros})`.mapWith(Number),
      inputTokens: sql<number>`coalesce(sum(${calls.inputTokens}), 0)`.mapWith(Number),
      outputTokens: sql<number>`coalesce(sum(${calls.outputTokens}), 0)`.mapWith(Number),
    })
    .from(calls)
    .where(
      and(
        eq(calls.accountId, scope.accountId),
        scope.keyId === undefined ? undefined : eq(calls.keyId, scope.keyId),
        gte(calls.createdAt, billingDayStart(range.from)),
        lt(calls.createdAt, billingDayStart(addDays(range.to, 1))),
      ),
    )
    .groupBy(hour, calls.kind, calls.model, size, quality, errorCode, region);
}
