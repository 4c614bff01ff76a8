import "server-only";
import type { ApiKey } from "@/db/schema";
import { getDb } from "@/db";
import { clientAddress, rateLimited, RequestLimiter } from "@/lib/api/rate-limit";
import { env } from "@/lib/env";
import { billingDay } from "@/lib/time/billing-day";

/**
 * The gateway's request rate, checked before any other work (rejected calls included): per
 * client address at the front door, before Next routes the request; per key right after the
 * key is looked up. Past it: 429 rate_limit_exceeded with Retry-After, and no ledger row;
 * throttled requests are counted in
 * aggregate in `throttled_requests`, one row per (billing day, scope, subject), written in
 * batches once a second, so a flood grows the database by a few rows, not a row a request.
 * Per process, like the service-wide ceiling.
 */
type Throttle = { byAddress: RequestLimiter; byKey: RequestLimiter; pending: Map<string, Pending>; timer?: NodeJS.Timeout };
type Pending = { day: string; scope: "address" | "key"; subject: string; accountId: number | null; keyId: number | null; count: number; lastAt: Date };

const FLUSH_MS = 1_000;
const g = globalThis as unknown as { imgledgerGatewayThrottle?: Throttle };
const throttle: Throttle = (g.imgledgerGatewayThrottle ??= {
  byAddress: new RequestLimiter(
    { points: env.GATEWAY_RATE_PER_ADDRESS_PER_S, durationS: 1, burstPoints: env.GATEWAY_RATE_BURST_PER_ADDRESS, burstDurationS: 10 },
    "gw-address",
  ),
  byKey: new RequestLimiter(
    { points: env.GATEWAY_RATE_PER_KEY_PER_S, durationS: 1, burstPoints: env.GATEWAY_RATE_BURST_PER_KEY, burstDurationS: 10 },
    "gw-key",
  ),
  pending: new Map<string, Pending>(),
});

/**
 * The per-address rate, for the front door (lib/gateway/front-door.ts), which checks it as the
 * HTTP server receives a request, before Next routes it: null when allowed, otherwise the
 * seconds to wait, with the refusal counted. Synchronous (a number) for an address already
 * refused, which is what a flood's requests are.
 */
export function addressWait(address: string, now: Date): number | null | Promise<number | null> {
  const counted = (wait: number | null) => {
    if (wait !== null) count({ scope: "address", subject: address, accountId: null, keyId: null }, now);
    return wait;
  };
  // The limiter runs on real time; `now` (the request's clock) only dates the count.
  const wait = throttle.byAddress.take(address);
  return wait instanceof Promise ? wait.then(counted) : counted(wait);
}

/**
 * Throws 429 when the request's address is over its rate: the route's own check, for a gateway
 * request the front door did not check (it answers most refusals before routing).
 */
export async function throttleAddress(req: Request, now: Date): Promise<void> {
  const wait = await addressWait(clientAddress(req), now);
  if (wait !== null) throw rateLimited(wait);
}

/** Throws 429 when the key is over its rate. */
export async function throttleKey(key: ApiKey, now: Date): Promise<void> {
  const wait = await throttle.byKey.take(String(key.id));
  if (wait !== null) {
    count({ scope: "key", subject: String(key.id), accountId: key.accountId, keyId: key.id }, now);
    throw rateLimited(wait);
  }
}

function count(who: Omit<Pending, "day" | "count" | "lastAt">, now: Date): void {
  const day = billingDay(now);
  const id = `${day}|${who.scope}|${who.subject}`;
  const p = throttle.pending.get(id);
  if (p) {
    p.count += 1;
    p.lastAt = now;
  } else {
    throttle.pending.set(id, { ...who, day, count: 1, lastAt: now });
  }
  throttle.timer ??= setTimeout(() => void flush(), FLUSH_MS).unref();
}

/** One upsert for everything counted since the last flush; on failure the counts are kept for the next. */
async function flush(): Promise<void> {
  throttle.timer = undefined;
  const rows = [...throttle.pending.values()];
  throttle.pending.clear();
  if (rows.length === 0) return;
  try {
    const sql = (getDb() as unknown as { $client: import("postgres").Sql }).$client;
    await sql`
      insert into throttled_requests (day, scope, subject, account_id, key_id, count, last_at)
      select day, scope, subject, nullif(account_id, 0), nullif(key_id, 0), count, last_at from unnest(
        ${sql.array(rows.map((r) => r.day))}::date[], ${sql.array(rows.map((r) => r.scope))}::text[],
        ${sql.array(rows.map((r) => r.subject))}::text[], ${sql.array(rows.map((r) => r.accountId ?? 0))}::bigint[],
        ${sql.array(rows.map((r) => r.keyId ?? 0))}::bigint[], ${sql.array(rows.map((r) => r.count))}::int[],
        ${sql.array(rows.map((r) => r.lastAt.toISOString()))}::timestamptz[])
        as t(day, scope, subject, account_id, key_id, count, last_at)
      on conflict (day, scope, subject) do update set
        count = throttled_requests.count + excluded.count,
        last_at = greatest(throttled_requests.last_at, excluded.last_at)`;
  } catch (err) {
    console.error("[imgledger] throttled-request counts not written; kept for the next flush", err instanceof Error ? err.message : err);
    for (const r of rows) {
      const id = `${r.day}|${r.scope}|${r.subject}`;
      const p = throttle.pending.get(id);
      if (p) p.count += r.count;
      else throttle.pending.set(id, r);
    }
    throttle.timer ??= setTimeout(() => void flush(), FLUSH_MS * 5).unref();
  }
}
