import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingDay } from "@/lib/time/billing-day";

export type NearLimitKey = {
  keyId: number;
  accountId: number;
  accountName: string;
  label: string;
  /** Which limit: daily_images, daily_cost or total_cost. */
  limit: "daily_images" | "daily_cost" | "total_cost";
  used: number;
  cap: number;
  /** used / cap, 0.8 and above. */
  ratio: number;
};

const NEAR = 0.8;

/**
 * Active keys at or above 80% of a limit in force today (the same per-field temporary rule as the
 * reservation), fullest first. Daily limits come from today's counters; the total from the key.
 */
export async function keysNearLimit(db: DbOrTx, now: Date, limit = 20): Promise<NearLimitKey[]> {
  const day = billingDay(now);
  const at = now.toISOString();
  const rows = await db.execute<{
    key_id: string;
    account_id: string;
    account_name: string;
    label: string;
    lim: NearLimitKey["limit"];
    used: string;
    cap: string;
  }>(sql`
    -- Candidates: keys with a counter today (the day index), and keys with a total limit.
    with cand as (
      select key_id from key_day_counters where day = ${day}::date
      union
      select id from api_keys where total_cost_limit_micros is not null or temp_total_cost_limit_micros is not null
    ), k as (
      select k.id, k.account_id, a.name as account_name, k.alias || ' (' || k.display || ')' as label,
             coalesce(c.images_used, 0) + coalesce(c.images_reserved, 0) as images,
             coalesce(c.cost_used_micros, 0) as day_cost, k.spent_total_micros,
             case when k.temp_daily_image_cap is not null and k.temp_daily_image_cap_until > ${at}::timestamptz
                  then k.temp_daily_image_cap else k.daily_image_cap end as image_cap,
             case when k.temp_daily_cost_limit_micros is not null and k.temp_daily_cost_limit_until > ${at}::timestamptz
                  then k.temp_daily_cost_limit_micros else k.daily_cost_limit_micros end as day_cost_cap,
             case when k.temp_total_cost_limit_micros is not null and k.temp_total_cost_limit_until > ${at}::timestamptz
                  then k.temp_total_cost_limit_micros else k.total_cost_limit_micros end as total_cap
      from cand
      join api_keys k on k.id = cand.key_id
      join accounts a on a.id = k.account_id
      left join key_day_counters c on c.key_id = k.id and c.day = ${day}::date
      where k.status = 'active' and (k.expires_at is null or k.expires_at > ${at}::timestamptz)
    )
    select id as key_id, account_id, account_name, label, 'daily_images' as lim, images as used, image_cap as cap
      from k where images >= ${NEAR}::numeric * image_cap and image_cap >= 0 and images > 0
    union all
    select id, account_id, account_name, label, 'daily_cost', day_cost, day_cost_cap
      from k where day_cost_cap is not null and day_cost > 0 and day_cost >= ${NEAR}::numeric * day_cost_cap
    union all
    select id, account_id, account_name, label, 'total_cost', spent_total_micros, total_cap
      from k where total_cap is not null and spent_total_micros > 0 and spent_total_micros >= ${NEAR}::numeric * total_cap
  `);
  return [...rows]
    .map((r) => {
      const used = Number(r.used);
      const cap = Number(r.cap);
      return {
        keyId: Number(r.key_id),
        accountId: Number(r.account_id),
        accountName: r.account_name,
        label: r.label,
        limit: r.lim,
        used,
        cap,
        ratio: cap > 0 ? used / cap : 1,
      };
    })
    .sort((a, b) => b.ratio - a.ratio)
    .slice(0, limit);
}
