import "server-only";
import { eq, ilike, like, type SQL } from "drizzle-orm";
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

  // One small query per way of matching, each served by its own index (btree on the display
  // form, trigram on alias and display), with no ORDER BY that could tempt the planner into
  // walking a whole table in id order looking for a few rare matches.
  const keyColumns = { id: apiKeys.id, accountId: apiKeys.accountId, alias: apiKeys.alias, display: apiKeys.display, accountName: accounts.name };
  const keysWhere = (where: SQL) =>
    db.select(keyColumns).from(apiKeys).innerJoin(accounts, eq(accounts.id, apiKeys.accountId)).where(where).limit(PER_KIND);
  const none = Promise.resolve([] as Awaited<ReturnType<typeof keysWhere>>);
  const [userRows, accountRows, exactKeys, lastFourKeys, prefixKeys, aliasKeys, fullKey, callRows] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, role: users.role, accountId: users.accountId })
      .from(users)
      .where(ilike(users.email, contains))
      .limit(PER_KIND),
    db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(ilike(accounts.name, contains)).limit(PER_KIND),
    keysWhere(eq(apiKeys.display, q)),
    lastFour ? keysWhere(like(apiKeys.display, `%…${escapeLike(lastFour)}`)) : none,
    q.startsWith("cr_") && q.length >= 5 ? keysWhere(like(apiKeys.display, `${escapeLike(q)}%`)) : none,
    keysWhere(ilike(apiKeys.alias, contains)),
    KEY_PATTERN.test(q) ? keysWhere(eq(apiKeys.lookupHash, lookupHashForKey(q))) : none,
    REQUEST_ID.test(q) ? findCallsByRequestId(db, q) : [],
  ]);

  const out: SearchResult[] = [];
  for (const c of callRows) {
    out.push({ kind: "call", id: c.requestId, accountId: c.accountId, label: `${c.requestId} · key #${c.keyId} · ${c.createdAt.toISOString()}`, matched: "request id" });
  }
  const addKeys = (rows: typeof exactKeys, matched: string) => {
    for (const k of rows) {
      if (out.some((r) => r.kind === "key" && r.id === k.id)) continue;
      out.push({ kind: "key", id: k.id, accountId: k.accountId, label: `${k.alias} (${k.display}) · ${k.accountName}`, matched });
    }
  };
  addKeys(fullKey, "whole key");
  addKeys(exactKeys, "key display form");
  addKeys(lastFourKeys, "key last 4");
  addKeys(prefixKeys, "key display form");
  addKeys(aliasKeys, "key alias");
  for (const a of accountRows) out.push({ kind: "account", id: a.id, accountId: a.id, label: a.name, matched: "account name" });
  for (const u of userRows) out.push({ kind: "user", id: u.id, accountId: u.accountId, label: `${u.email} (${u.role})`, matched: "email" });
  return out;
}
