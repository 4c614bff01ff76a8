import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getSql } from "@/db";
import { env } from "@/lib/env";

/**
 * rate-limiter-flexible's Postgres store speaks node-postgres (`pg`), Sequelize, Knex or TypeORM;
 * it calls only `client.query({ name, text, values })` and reads `rows` and `rowCount`. This is
 * that shape over the app's own postgres.js pool (storeType "pool": no connection to release),
 * instead of a second driver and pool for one table.
 */
type PgQuery = { name?: string; text: string; values?: unknown[] };
function postgresJsAsPgPool() {
  const sql = getSql();
  return {
    async query(q: PgQuery) {
      const rows = await sql.unsafe(q.text, (q.values ?? []) as never[]);
      // bigint arrives as a string from postgres.js; the limiter does arithmetic on `expire`.
      const shaped = rows.map((r: Record<string, unknown>) => ({ ...r, ...(r.expire != null ? { expire: Number(r.expire) } : {}) }));
      return { rows: shaped, rowCount: rows.count };
    },
  };
}

type Limiters = { byEmail: RateLimiterPostgres; byAddress: RateLimiterPostgres };
const globalForThrottle = globalThis as unknown as { imgledgerSignInLimiters?: Limiters };

function limiters(): Limiters {
  if (!globalForThrottle.imgledgerSignInLimiters) {
    const storeClient = postgresJsAsPgPool();
    const common = { storeClient, storeType: "pool", tableName: "rate_limits", tableCreated: true, duration: env.SIGNIN_THROTTLE_WINDOW_MIN * 60 };
    globalForThrottle.imgledgerSignInLimiters = {
      byEmail: new RateLimiterPostgres({ ...common, keyPrefix: "signin-email", points: env.SIGNIN_MAX_FAILURES_PER_EMAIL }),
      byAddress: new RateLimiterPostgres({ ...common, keyPrefix: "signin-address", points: env.SIGNIN_MAX_FAILURES_PER_ADDRESS }),
    };
  }
  return globalForThrottle.imgledgerSignInLimiters;
}

/** Keys are hashed: an email can be longer than the store's 255-character key, and a key need not be readable. */
const hashed = (v: string) => createHash("sha256").update(v).digest("hex");

export type Attempt = { emailKey: string | null; addressKey: string };

/**
 * Counts a sign-in attempt against its email and its client address before it is checked, so
 * parallel guesses cannot all slip past the limit; the attempt is handed back (`settle`) when it
 * turns out not to be a failure. Returns the seconds to wait when either is over its limit.
 */
export async function takeSignInAttempt(email: string, address: string): Promise<{ attempt: Attempt; retryAfterS: number | null }> {
  const { byEmail, byAddress } = limiters();
  const attempt: Attempt = { emailKey: email ? hashed(email) : null, addressKey: hashed(address) };
  const results = await Promise.allSettled([
    attempt.emailKey ? byEmail.consume(attempt.emailKey) : Promise.resolve(null),
    byAddress.consume(attempt.addressKey),
  ]);
  let waitMs: number | null = null;
  for (const r of results) {
    if (r.status === "fulfilled") continue;
    if (!(r.reason instanceof RateLimiterRes)) throw r.reason; // the store failed: not a verdict
    waitMs = Math.max(waitMs ?? 0, r.reason.msBeforeNext);
  }
  return { attempt, retryAfterS: waitMs === null ? null : Math.max(1, Math.ceil(waitMs / 1000)) };
}

/**
 * After next-auth answered: a failed password stays counted; a success clears the email's
 * failures and hands back the address's point (an address keeps its other failures, or one good
 * account would let it reset its own count); anything else (no CSRF token, disabled user) is
 * handed back on both.
 */
export async function settleSignInAttempt(attempt: Attempt, outcome: "success" | "wrong-credentials" | "other"): Promise<void> {
  if (outcome === "wrong-credentials") return;
  const { byEmail, byAddress } = limiters();
  await Promise.all([
    attempt.emailKey ? (outcome === "success" ? byEmail.delete(attempt.emailKey) : byEmail.reward(attempt.emailKey, 1)) : null,
    byAddress.reward(attempt.addressKey, 1),
  ]);
}
