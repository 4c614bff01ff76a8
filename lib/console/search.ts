import "server-only";
import { eq, ilike, like, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accounts, apiKeys, users } from "@/db/schema";
import { KEY_PATTERN, lookupHashForKey } from "@/lib/keys/hash";
import { findCallsByRequestId } from "@/lib/usage/find-calls";

export type SearchResult = {
  kind: "account" | "key" | "user" | "call";
  id: number | string;
  accountId: number | null;
  label: string;
  /** What the query matched, in words a person reads: "email", "key last 4", … */
  matched: string;
};

const PER_KIND = 8;
const REQUEST_ID = /^req_[0-9a-f]{32}$/;

/** `%`, `_` and `\` typed by a person are literal characters, not wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One box for everything support is told: an email, an account name, a key's alias, its display
 * form or last 4 characters (what customers read off their screen), a whole key, or a request id.
 * Each kind is one indexed or small-table query, all in parallel.
 */
export async function searchConsole(db: DbOrTx, rawQuery: string): Promise<SearchResult[]> {
  const q = rawQuery.trim();
  if (q.length < 2) return [];
  const contains = `%${escapeLike(q)}%`;
  const lastFour = /^[0-9A-Za-z]{4}$/.test(q) ? q : null;

  const [userRows, accountRows, keyRows, fullKey, callRows] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, role: users.role, accountId: users.accountId })
      .from(users)
      .where(ilike(users.email, contains))
      .limit(PER_KIND),
    db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(ilike(accounts.name, contains)).limit(PER_KIND),
    db
      .select({ id: apiKeys.id, accountId: apiKeys.accountId, alias: apiKeys.alias, display: apiKeys.display, accountName: accounts.name })
      .from(apiKeys)
      .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
      .where(
        or(
          eq(apiKeys.display, q),
          ilike(apiKeys.alias, contains),
          lastFour ? like(apiKeys.display, `%…${escapeLike(lastFour)}`) : undefined,
          q.startsWith("cr_") ? like(apiKeys.display, `${escapeLike(q)}%`) : undefined,
        ),
      )
      .orderBy(sql`${apiKeys.display} = ${q} desc`, apiKeys.id)
      .limit(PER_KIND * 2),
    KEY_PATTERN.test(q)
      ? db
          .select({ id: apiKeys.id, accountId: apiKeys.accountId, alias: apiKeys.alias, display: apiKeys.display })
          .from(apiKeys)
          .where(eq(apiKeys.lookupHash, lookupHashForKey(q)))
      : [],
    REQUEST_ID.test(q) ? findCallsByRequestId(db, q) : [],
  ]);

  const out: SearchResult[] = [];
  for (const c of callRows) {
    out.push({ kind: "call", id: c.requestId, accountId: c.accountId, label: `${c.requestId} · key #${c.keyId} · ${c.createdAt.toISOString()}`, matched: "request id" });
  }
  for (const k of fullKey) out.push({ kind: "key", id: k.id, accountId: k.accountId, label: `${k.alias} (${k.display})`, matched: "whole key" });
  for (const k of keyRows) {
    if (out.some((r) => r.kind === "key" && r.id === k.id)) continue;
    const matched =
      k.display === q
        ? "key display form"
        : lastFour && k.display.endsWith(`…${lastFour}`)
          ? "key last 4"
          : q.startsWith("cr_") && k.display.startsWith(q)
            ? "key display form"
            : "key alias";
    out.push({ kind: "key", id: k.id, accountId: k.accountId, label: `${k.alias} (${k.display}) · ${k.accountName}`, matched });
  }
  for (const a of accountRows) out.push({ kind: "account", id: a.id, accountId: a.id, label: a.name, matched: "account name" });
  for (const u of userRows) out.push({ kind: "user", id: u.id, accountId: u.accountId, label: `${u.email} (${u.role})`, matched: "email" });
  return out;
}
