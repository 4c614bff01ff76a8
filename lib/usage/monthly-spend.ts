import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { usageDaily } from "@/db/schema";
import type { UsageScope } from "./scope";

export type MonthSpend = { month: string; calls: number; images: number; imageCostMicros: number; chatCostMicros: number; costMicros: number };

/** Spend per Beijing calendar month (billing days grouped by month), newest first, from the rollup. */
export async function getSpendByMonth(db: DbOrTx, scope: UsageScope): Promise<MonthSpend[]> {
  const month = sql<string>`to_char(${usageDaily.day}, 'YYYY-MM')`;
  return db
    .select({
      month,
      calls: sql<number>`sum(${usageDaily.calls})`.mapWith(Number),
      images: sql<number>`sum(${usageDaily.images})`.mapWith(Number),
      imageCostMicros: sql<number>`coalesce(sum(${usageDaily.costMicros}) filter (where ${usageDaily.kind} = 'image'), 0)`.mapWith(Number),
      chatCostMicros: sql<number>`coalesce(sum(${usageDaily.costMicros}) filter (where ${usageDaily.kind} = 'chat'), 0)`.mapWith(Number),
      costMicros: sql<number>`sum(${usageDaily.costMicros})`.mapWith(Number),
    })
    .from(usageDaily)
    .where(and(eq(usageDaily.accountId, scope.accountId), scope.keyId === undefined ? undefined : eq(usageDaily.keyId, scope.keyId)))
    .groupBy(month)
    .orderBy(sql`1 desc`);
}
