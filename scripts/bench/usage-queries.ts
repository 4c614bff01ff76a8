/**
 * Times each usage read model (from the rollup, through lib/usage) beside the same answer
 * computed from raw `calls`, for one key.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { ApiKey } from "@/db/schema";
import { addDays, BILLING_TZ, billingDayStart } from "@/lib/time/billing-day";
import { getBreakdown } from "@/lib/usage/breakdown";
import { listCalls } from "@/lib/usage/calls";
import { getDailySeries } from "@/lib/usage/daily";
import { getErrorSeries } from "@/lib/usage/errors";
import { keyScope, lastDays } from "@/lib/usage/overview";
import { getSummary } from "@/lib/usage/summary";
import { getToday } from "@/lib/usage/today";
import { time, type Timing } from "./stats";

export type QueryRow = { query: string; rollup: Timing; raw: Timing | null };

export async function benchKeyQueries(db: Db, key: ApiKey, now: Date, runs: number): Promise<{ rows: QueryRow[]; callsInWindow: number }> {
  const scope = keyScope(key);
  const range = lastDays(now);
  const from = billingDayStart(range.from).toISOString();
  const to = billingDayStart(addDays(range.to, 1)).toISOString();
  const rawWhere = sql`account_id = ${key.accountId} and key_id = ${key.id} and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`;

  const rows: QueryRow[] = [];
  rows.push({
    query: "summary (30 days)",
    rollup: await time(() => getSummary(db, scope, range, key.lastUsedAt), runs),
    raw: await time(() => db.execute(sql`select kind, coalesce(error_code, '') code, count(*), sum(images_delivered), sum(cost_micros) from calls where ${rawWhere} group by 1, 2`), runs),
  });
  rows.push({
    query: "daily series",
    rollup: await time(() => getDailySeries(db, scope, range), runs),
    raw: await time(() => db.execute(sql`select (created_at at time zone ${BILLING_TZ})::date d, kind, size, quality, count(*), sum(images_delivered), sum(cost_micros) from calls where ${rawWhere} group by 1, 2, 3, 4`), runs),
  });
  rows.push({
    query: "size × quality breakdown",
    rollup: await time(() => getBreakdown(db, scope, range), runs),
    raw: await time(() => db.execute(sql`select size, quality, count(*), sum(images_delivered), sum(cost_micros) from calls where ${rawWhere} and kind = 'image' group by 1, 2`), runs),
  });
  rows.push({
    query: "errors per day",
    rollup: await time(() => getErrorSeries(db, scope, range), runs),
    raw: await time(() => db.execute(sql`select (created_at at time zone ${BILLING_TZ})::date d, error_code, count(*) from calls where ${rawWhere} and error_code is not null group by 1, 2`), runs),
  });
  rows.push({ query: "today vs limits", rollup: await time(() => getToday(db, key, now), runs), raw: null });

  // Call list: keyset page 1 and page 500 (50 a page) beside OFFSET for the same pages.
  const filters = { from: range.from, to: range.to };
  const [{ n: callsInWindow }] = (await db.execute(sql`select count(*)::int n from calls where ${rawWhere}`)) as unknown as [{ n: number }];
  const deepPage = Math.min(500, Math.max(1, Math.floor(callsInWindow / 50)));
  let cursor: string | undefined;
  for (let p = 1; p < deepPage; p++) {
    cursor = (await listCalls(db, scope, filters, { limit: 50, cursor })).nextCursor ?? undefined;
    if (!cursor) break;
  }
  const offsetPage = (page: number) =>
    db.execute(sql`select * from calls where ${rawWhere} order by created_at desc, id desc limit 50 offset ${(page - 1) * 50}`);
  rows.push({
    query: "call list, page 1",
    rollup: await time(() => listCalls(db, scope, filters, { limit: 50 }), runs),
    raw: await time(() => offsetPage(1), runs),
  });
  rows.push({
    query: `call list, page ${deepPage}`,
    rollup: await time(() => listCalls(db, scope, filters, { limit: 50, cursor }), runs),
    raw: await time(() => offsetPage(deepPage), runs),
  });
  return { rows, callsInWindow };
}
