import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts, apiKeys, users } from "@/db/schema";
import { displayForm, KEY_PREFIX, lookupHashForKey } from "@/lib/keys/hash";
import { hashPassword } from "@/lib/auth/password";
import { insertCallsBulk } from "@/lib/ledger/bulk-insert";
import { addDays, billingDay, billingDayStart } from "@/lib/time/billing-day";
import { DEMO_ACCOUNTS, DEMO_KEYS, DEMO_STAFF } from "./catalog";
import { DEMO_DAYS, generateDemoCalls, type DemoKeyRow } from "./generate";
import { derivedBase62 } from "./random";

export type DemoCredentials = {
  keys: { account: string; alias: string; rawKey: string; note?: string }[];
  users: { email: string; password: string; role: string }[];
};

const HOUR_MS = 3_600_000;

/** The raw demo key of an account's alias: `cr_` + 40 base62 from HMAC-SHA256(seed, label). */
export function demoRawKey(seed: string, account: string, alias: string): string {
  return KEY_PREFIX + derivedBase62(seed, `key:${account}/${alias}`, 40);
}

function demoPassword(seed: string, email: string): string {
  return `demo-${derivedBase62(seed, `password:${email}`, 10)}`;
}

/** The demo keys and sign-ins for a seed, to print at start (the database never holds them). */
export function demoCredentials(seed: string): DemoCredentials {
  return {
    keys: DEMO_KEYS.map((k) => ({
      account: k.account,
      alias: k.alias,
      rawKey: demoRawKey(seed, k.account, k.alias),
      ...(k.note ? { note: k.note } : {}),
    })),
    users: [
      ...DEMO_ACCOUNTS.map((a) => ({ email: a.login, password: demoPassword(seed, a.login), role: "customer" })),
      ...DEMO_STAFF.map((s) => ({ email: s.email, password: demoPassword(seed, s.email), role: s.role })),
    ],
  };
}

/**
 * Seeds the demo dataset (accounts, keys, sign-ins and ~50,000 calls over 45 billing days
 * ending with `now`'s) unless the database already has an account. Everything is written in
 * one transaction, so an interrupted seed leaves an empty database that is seeded next start.
 * Returns null when nothing was seeded.
 */
export async function seedDemoDataIfEmpty(db: Db, opts: { seed: string; now: Date }): Promise<{ calls: number } | null> {
  if (await hasAccounts(db)) return null;
  const { seed, now } = opts;
  const creds = demoCredentials(seed);
  // Hash before taking the lock: argon2 is deliberately slow (and memory-hard, so one at a time).
  const hashes = new Map<string, string>();
  for (const u of creds.users) hashes.set(u.email, await hashPassword(u.password));

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('imgledger:demo-seed'))`);
    if (await hasAccounts(tx)) return null;

    const today = billingDay(now);
    const opened = billingDayStart(addDays(today, -(DEMO_DAYS + 30)));
    const accountRows = await tx
      .insert(accounts)
      .values(DEMO_ACCOUNTS.map((a) => ({ name: a.name, currency: a.currency, createdAt: opened })))
      .returning();
    const accountId = (name: string) => accountRows.find((a) => a.name === name)!.id;

    await tx.insert(users).values([
      ...DEMO_ACCOUNTS.map((a) => ({
        email: a.login,
        name: `${a.name} ops`,
        passwordHash: hashes.get(a.login)!,
        role: "customer" as const,
        accountId: accountId(a.name),
        createdAt: opened,
      })),
      ...DEMO_STAFF.map((s) => ({ email: s.email, name: s.name, passwordHash: hashes.get(s.email)!, role: s.role, createdAt: opened })),
    ]);

    const keyRows: DemoKeyRow[] = [];
    for (const spec of DEMO_KEYS) {
      const rawKey = demoRawKey(seed, spec.account, spec.alias);
      const expiresAt = spec.expiredDaysAgo !== undefined ? atBeijingHour(today, -spec.expiredDaysAgo, 10) : null;
      const disabledAt = spec.disabledDaysAgo !== undefined ? atBeijingHour(today, -spec.disabledDaysAgo, 9) : null;
      const [row] = await tx
        .insert(apiKeys)
        .values({
          accountId: accountId(spec.account),
          alias: spec.alias,
          lookupHash: lookupHashForKey(rawKey),
          display: displayForm(rawKey),
          status: spec.status,
          expiresAt,
          dailyImageCap: spec.dailyImageCap,
          concurrencyCap: spec.concurrencyCap,
          dailyCostLimitMicros: usdToMicros(spec.dailyCostLimitUsd),
          totalCostLimitMicros: usdToMicros(spec.totalCostLimitUsd),
          promptPreview: spec.promptPreview,
          createdAt: billingDayStart(addDays(today, -(DEMO_DAYS + 1))),
        })
        .returning({ id: apiKeys.id, accountId: apiKeys.accountId });
      keyRows.push({ spec, id: row!.id, accountId: row!.accountId, expiresAt, disabledAt });
    }

    const records = generateDemoCalls(seed, now, keyRows);
    const { inserted } = await insertCallsBulk(tx, records);
    return { calls: inserted };
  });
}

async function hasAccounts(db: Pick<Db, "select">): Promise<boolean> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).limit(1);
  return row !== undefined;
}

function atBeijingHour(today: string, deltaDays: number, hour: number): Date {
  return new Date(billingDayStart(addDays(today, deltaDays)).getTime() + hour * HOUR_MS);
}

function usdToMicros(usd: number | undefined): number | null {
  return usd === undefined ? null : Math.round(usd * 1_000_000);
}

