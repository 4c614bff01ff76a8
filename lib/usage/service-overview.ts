import "server-only";
import { and, desc, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accounts, apiKeys, keyDayCounters, usageDailyAccount as uda } from "@/db/schema";
import { addDays } from "@/lib/time/billing-day";
import type { DayRange } from "./scope";
import { errorGroup, type ErrorGroup } from "./types";

/**
 * The support console's view of the whole service over a range of billing days, read from the
 * rollups (never the raw ledger): the per-account daily rollup for days, errors and accounts, the
 * keys' day counters for top keys. This is the one read in lib/usage that spans every account:
 * only staff routes call it.
 */
export type ServiceDay = {
  day: string;
  calls: number;
  images: number;
  costMicros: number;
  imageCostMicros: number;
  chatCostMicros: number;
  failedCalls: number;
};
export type TopRow = { id: number; label: string; accountId: number; accountName: string; images: number; costMicros: number; /** Accounts only (the day counters of keys count images and money). */ calls: number | null };
export type ErrorsByCode = { code: string; group: ErrorGroup; counts: number[]; total: number }[];
export type ServiceOverview = {
  from: string;
  to: string;
  days: ServiceDay[];
  topAccounts: { bySpend: TopRow[]; byImages: TopRow[] };
  topKeys: { bySpend: TopRow[]; byImages: TopRow[] };
  errorsByCode: { days: string[]; codes: ErrorsByCode };
};

const TOP = 10;
const num = (expr: ReturnType<typeof sql>) => sql<number>`${expr}`.mapWith(Number);

export async function getServiceOverview(db: DbOrTx, range: DayRange): Promise<ServiceOverview> {
  const where = and(gte(uda.day, range.from), lte(uda.day, range.to));
  const images = num(sql`coalesce(sum(${uda.images}), 0)`);
  const cost = num(sql`coalesce(sum(${uda.costMicros}), 0)`);
  const callCount = num(sql`coalesce(sum(${uda.calls}), 0)`);

  const [perDay, perCode, byAccount, byKey] = await Promise.all([
    db
      .select({
        day: uda.day,
        calls: callCount,
        images,
        costMicros: cost,
        imageCostMicros: num(sql`coalesce(sum(${uda.costMicros}) filter (where ${uda.kind} = 'image'), 0)`),
        chatCostMicros: num(sql`coalesce(sum(${uda.costMicros}) filter (where ${uda.kind} = 'chat'), 0)`),
        failedCalls: num(sql`coalesce(sum(${uda.calls}) filter (where ${uda.errorCode} <> ''), 0)`),
      })
      .from(uda)
      .where(where)
      .groupBy(uda.day),
    db
      .select({ day: uda.day, code: uda.errorCode, calls: callCount })
      .from(uda)
      .where(and(where, sql`${uda.errorCode} <> ''`))
      .groupBy(uda.day, uda.errorCode),
    // Only the top rows leave the database: each group ranked by spend and by images.
    db.execute<{ id: string; images: string; cost: string; calls: string }>(sql`
      select id, images, cost, calls from (
        select ${uda.accountId} as id, sum(${uda.images}) as images, sum(${uda.costMicros}) as cost, sum(${uda.calls}) as calls,
               row_number() over (order by sum(${uda.costMicros}) desc, ${uda.accountId}) as by_spend,
               row_number() over (order by sum(${uda.images}) desc, ${uda.accountId}) as by_images
        from ${uda} where ${where} group by ${uda.accountId}
      ) t where by_spend <= ${TOP} or by_images <= ${TOP}`),
    db.execute<{ id: string; account_id: string; images: string; cost: string }>(sql`
      select id, account_id, images, cost from (
        select ${keyDayCounters.keyId} as id, ${keyDayCounters.accountId} as account_id,
               sum(${keyDayCounters.imagesUsed}) as images, sum(${keyDayCounters.costUsedMicros}) as cost,
               row_number() over (order by sum(${keyDayCounters.costUsedMicros}) desc, ${keyDayCounters.keyId}) as by_spend,
               row_number() over (order by sum(${keyDayCounters.imagesUsed}) desc, ${keyDayCounters.keyId}) as by_images
        from ${keyDayCounters}
        where ${keyDayCounters.day} >= ${range.from} and ${keyDayCounters.day} <= ${range.to}
        group by ${keyDayCounters.keyId}, ${keyDayCounters.accountId}
      ) t where by_spend <= ${TOP} or by_images <= ${TOP}`),
  ]);

  const dayList: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) dayList.push(d);
  const byDay = new Map(perDay.map((r) => [r.day, r]));
  const days = dayList.map(
    (day) => byDay.get(day) ?? { day, calls: 0, images: 0, costMicros: 0, imageCostMicros: 0, chatCostMicros: 0, failedCalls: 0 },
  );

  const codes = new Map<string, number[]>();
  const index = new Map(dayList.map((d, i) => [d, i]));
  for (const r of perCode) {
    const counts = codes.get(r.code) ?? dayList.map(() => 0);
    counts[index.get(r.day)!] = r.calls;
    codes.set(r.code, counts);
  }
  const errorsByCode = [...codes]
    .map(([code, counts]) => ({ code, group: errorGroup(code), counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));

  const top = <T extends { id: number; images: number; costMicros: number }>(rows: T[]) => ({
    // Ties broken by id, so the same data always lists in the same order.
    bySpend: [...rows].sort((a, b) => b.costMicros - a.costMicros || a.id - b.id).slice(0, TOP),
    byImages: [...rows].sort((a, b) => b.images - a.images || a.id - b.id).slice(0, TOP),
  });
  const accountTop = top(
    [...byAccount].map((r) => ({ id: Number(r.id), accountId: Number(r.id), images: Number(r.images), costMicros: Number(r.cost), calls: Number(r.calls) })),
  );
  const keyTop = top(
    [...byKey].map((r) => ({ id: Number(r.id), accountId: Number(r.account_id), images: Number(r.images), costMicros: Number(r.cost), calls: null })),
  );
  const names = await labels(
    db,
    [...accountTop.bySpend, ...accountTop.byImages, ...keyTop.bySpend, ...keyTop.byImages].map((r) => r.accountId),
    [...keyTop.bySpend, ...keyTop.byImages].map((r) => r.id),
  );
  const withAccount = (r: { id: number; accountId: number; images: number; costMicros: number; calls: number | null }, label: string): TopRow => ({
    ...r,
    label,
    accountName: names.accounts.get(r.accountId) ?? `#${r.accountId}`,
  });
  const acct = (r: (typeof accountTop.bySpend)[number]) => withAccount(r, names.accounts.get(r.id) ?? `#${r.id}`);
  const key = (r: (typeof keyTop.bySpend)[number]) => withAccount(r, names.keys.get(r.id) ?? `#${r.id}`);

  return {
    from: range.from,
    to: range.to,
    days,
    topAccounts: { bySpend: accountTop.bySpend.map(acct), byImages: accountTop.byImages.map(acct) },
    topKeys: { bySpend: keyTop.bySpend.map(key), byImages: keyTop.byImages.map(key) },
    errorsByCode: { days: dayList, codes: errorsByCode },
  };
}

async function labels(db: DbOrTx, accountIds: number[], keyIds: number[]) {
  const [a, k] = await Promise.all([
    accountIds.length
      ? db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(sql`${accounts.id} in ${[...new Set(accountIds)]}`)
      : [],
    keyIds.length
      ? db
          .select({ id: apiKeys.id, alias: apiKeys.alias, display: apiKeys.display })
          .from(apiKeys)
          .where(sql`${apiKeys.id} in ${[...new Set(keyIds)]}`)
          .orderBy(desc(apiKeys.id))
      : [],
  ]);
  return {
    accounts: new Map(a.map((r) => [r.id, r.name])),
    keys: new Map(k.map((r) => [r.id, `${r.alias} (${r.display})`])),
  };
}
