/**
 * Times the dashboard's account reads (overview, keys table, monthly statements) for one account,
 * each beside the same answer computed from raw `calls`.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { addDays, billingDay, billingDayStart } from "@/lib/time/billing-day";
import { getAccountOverview } from "@/lib/usage/account-overview";
import { getKeyRows } from "@/lib/usage/keys-table";
import { lastDays } from "@/lib/usage/overview";
import { getStatements } from "@/lib/usage/statements";
import { time } from "./stats";
import type { QueryRow } from "./usage-queries";

export async function benchAccountQueries(db: Db, accountId: number, now: Date, runs: number): Promise<{ rows: QueryRow[]; callsInWindow: number; keys: number }> {
  const range = lastDays(now);
  const from = billingDayStart(range.from).toISOString();
  const to = billingDayStart(addDays(range.to, 1)).toISOString();
  const inRange = sql`account_id = ${accountId} and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`;
  const today = billingDay(now);
  const monthStart = billingDayStart(`${today.slice(0, 7)}-01`).toISOString();

  const rows: QueryRow[] = [];
  rows.push({
    query: "account overview (30 days)",
    rollup: await time(() => getAccountOverview(db, accountId, range, now), runs),
    // The same series and totals from raw rows: one grouped scan of the range, plus the month so far.
    raw: await time(
      () =>
        Promise.all([
          db.execute(sql`select (created_at at time zone 'Asia/Shanghai')::date d, kind, model, coalesce(size, ''), coalesce(quality, ''),
            coalesce(error_code, ''), coalesce(region, ''), count(*), sum(images_delivered), sum(cost_micros), sum(input_tokens), sum(output_tokens)
            from calls where ${inRange} group by 1, 2, 3, 4, 5, 6, 7`),
          db.execute(sql`select key_id, sum(cost_micros) from calls where account_id = ${accountId} and created_at >= ${monthStart}::timestamptz group by 1`),
        ]),
      runs,
    ),
  });
  rows.push({
    query: "keys table (30 days)",
    rollup: await time(() => getKeyRows(db, accountId, range, now), runs),
    raw: await time(() => db.execute(sql`select key_id, sum(cost_micros), max(created_at) from calls where ${inRange} group by 1`), runs),
  });
  rows.push({
    query: "monthly statements",
    rollup: await time(() => getStatements(db, accountId), runs),
    raw: await time(
      () =>
        db.execute(sql`select to_char(billing_day, 'YYYY-MM'), kind, price_version, count(*), sum(images_delivered), sum(cost_micros)
          from calls where account_id = ${accountId} group by 1, 2, 3`),
      runs,
    ),
  });
  const [{ n }] = (await db.execute(sql`select count(*)::int n from calls where ${inRange}`)) as unknown as [{ n: number }];
  const [{ k }] = (await db.execute(sql`select count(*)::int k from api_keys where account_id = ${accountId}`)) as unknown as [{ k: number }];
  return { rows, callsInWindow: n, keys: k };
}
