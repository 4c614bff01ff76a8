import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accounts, apiKeys, keyDayCounters, users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { billingDay } from "@/lib/time/billing-day";
import { getStatements } from "@/lib/usage/statements";
import { listAudit } from "./audit";
import { staffKeyView } from "./key-view";

/** An account as the console shows it: keys with today's use, users, spend by month, recent audit rows. */
export async function getStaffAccount(db: DbOrTx, accountId: number, now: Date) {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account) throw notFound("Account");
  const [keys, counters, members, months, audit] = await Promise.all([
    db.select().from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(asc(apiKeys.id)),
    db
      .select()
      .from(keyDayCounters)
      .where(and(eq(keyDayCounters.accountId, accountId), eq(keyDayCounters.day, billingDay(now)))),
    db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt, lastSignInAt: users.lastSignInAt })
      .from(users)
      .where(eq(users.accountId, accountId))
      .orderBy(asc(users.email)),
    // The same monthly statements the customer sees on their dashboard.
    getStatements(db, accountId),
    listAudit(db, { accountId, limit: 100 }),
  ]);
  const byKey = new Map(counters.map((c) => [c.keyId, c]));
  return {
    id: account.id,
    name: account.name,
    currency: account.currency,
    createdAt: account.createdAt.toISOString(),
    keys: keys.map((k) => staffKeyView(k, account.name, now, byKey.get(k.id))),
    users: members.map((u) => ({ ...u, disabledAt: u.disabledAt?.toISOString() ?? null, lastSignInAt: u.lastSignInAt?.toISOString() ?? null })),
    spendByMonth: months,
    audit,
  };
}
