/**
 * The support console's reads at size: the search box at 10,000 accounts and 30,000 keys, and
 * the service overview (from the rollups) beside the same answer computed from raw `calls`.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts, apiKeys, users, type ApiKey } from "@/db/schema";
import { searchConsole } from "@/lib/console/search";
import { displayForm, generateRawKey, lookupHashForKey } from "@/lib/keys/hash";
import { keysNearLimit } from "@/lib/limits/near-limit";
import { addDays, billingDayStart } from "@/lib/time/billing-day";
import { lastDays } from "@/lib/usage/overview";
import { getServiceOverview } from "@/lib/usage/service-overview";
import { time, type Timing } from "./stats";

export type ConsoleRow = { query: string; rollup: Timing; raw: Timing | null };

/** Tops the bench data up to `accountCount` accounts (one customer user each) and `keyCount` keys, without calls. */
export async function growDirectory(db: Db, accountCount: number, keyCount: number): Promise<void> {
  const [{ a, k }] = (await db.execute(sql`select (select count(*) from accounts)::int a, (select count(*) from api_keys)::int k`)) as unknown as [
    { a: number; k: number },
  ];
  for (let i = a; i < accountCount; i += 1000) {
    const n = Math.min(1000, accountCount - i);
    const made = await db
      .insert(accounts)
      .values(Array.from({ length: n }, (_, j) => ({ name: `console-bench-${i + j} Trading Co` })))
      .returning({ id: accounts.id });
    await db.insert(users).values(made.map((m, j) => ({ email: `owner${i + j}@bench-${i + j}.example`, passwordHash: "x", accountId: m.id })));
  }
  const ids = ((await db.execute(sql`select id from accounts order by id`)) as unknown as { id: string }[]).map((r) => Number(r.id));
  for (let i = k; i < keyCount; i += 1000) {
    const n = Math.min(1000, keyCount - i);
    await db.insert(apiKeys).values(
      Array.from({ length: n }, (_, j) => {
        const raw = generateRawKey();
        return { accountId: ids[(i + j) % ids.length]!, alias: `svc-${i + j}`, lookupHash: lookupHashForKey(raw), display: displayForm(raw) };
      }),
    );
  }
  await db.execute(sql`analyze`);
}

export async function benchConsoleQueries(db: Db, now: Date, runs: number, sampleKey: ApiKey): Promise<ConsoleRow[]> {
  const rows: ConsoleRow[] = [];
  const [call] = (await db.execute(sql`select request_id from calls order by id desc limit 1`)) as unknown as { request_id: string }[];
  const searches: [string, string][] = [
    ["key last 4", sampleKey.display.slice(-4)],
    ["key display form", sampleKey.display],
    ["key alias", "svc-2999"],
    ["account name", "bench-77"],
    ["email", "owner4242@"],
    ["request id", call?.request_id ?? "req_none"],
  ];
  for (const [label, q] of searches) rows.push({ query: `search: ${label}`, rollup: await time(() => searchConsole(db, q), runs), raw: null });

  const range = lastDays(now);
  const from = billingDayStart(range.from).toISOString();
  const to = billingDayStart(addDays(range.to, 1)).toISOString();
  const w = sql`created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`;
  rows.push({
    query: "service overview (30 days)",
    rollup: await time(() => getServiceOverview(db, range), runs),
    // The same answer from raw rows: per day, per day × error code, per account, per key.
    raw: await time(
      () =>
        Promise.all([
          db.execute(sql`select (created_at at time zone 'Asia/Shanghai')::date d, count(*), sum(images_delivered), sum(cost_micros),
                           sum(cost_micros) filter (where kind = 'image'), count(*) filter (where error_code is not null) from calls where ${w} group by 1`),
          db.execute(sql`select (created_at at time zone 'Asia/Shanghai')::date d, error_code, count(*) from calls where ${w} and error_code is not null group by 1, 2`),
          db.execute(sql`select account_id, count(*), sum(images_delivered), sum(cost_micros) from calls where ${w} group by 1`),
          db.execute(sql`select key_id, account_id, count(*), sum(images_delivered), sum(cost_micros) from calls where ${w} group by 1, 2`),
        ]),
      runs,
    ),
  });
  rows.push({ query: "keys near a limit today", rollup: await time(() => keysNearLimit(db, now), runs), raw: null });
  return rows;
}
