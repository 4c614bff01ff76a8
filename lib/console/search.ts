import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
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
 * Each way of matching is one indexed branch of one statement.
 */
export async function searchConsole(db: DbOrTx, rawQuery: string): Promise<SearchResult[]> {
  const q = rawQuery.trim();
  if (q.length < 2) return [];
  const contains = `%${escapeLike(q)}%`;
  const lastFour = /^[0-9A-Za-z]{4}$/.test(q) ? q : null;

  // One statement, one round trip: a branch per way of matching, each with its own limit and
  // served by its own index (btree on the display form and the key hash, trigram on email,
  // account name, alias and display). The ledger's part (request id) is read through lib/usage.
  const keyBranch = (matched: string, where: SQL) => sql`(select 'key' as kind, ${matched} as matched, k.id::text as id,
      k.account_id::bigint as account_id, k.alias || ' (' || k.display || ') · ' || a.name as label
    from api_keys k join accounts a on a.id = k.account_id where ${where} limit ${PER_KIND})`;
  const branches: SQL[] = [
    ...(KEY_PATTERN.test(q) ? [keyBranch("whole key", sql`k.lookup_hash = ${lookupHashForKey(q)}`)] : []),
    keyBranch("key display form", sql`k.display = ${q}`),
    ...(lastFour ? [keyBranch("key last 4", sql`k.display like ${`%…${escapeLike(lastFour)}`}`)] : []),
    ...(q.startsWith("cr_") && q.length >= 5 ? [keyBranch("key display form", sql`k.display like ${`${escapeLike(q)}%`}`)] : []),
    keyBranch("key alias", sql`k.alias ilike ${contains}`),
    sql`(select 'account', 'account name', a.id::text, a.id::bigint, a.name from accounts a where a.name ilike ${contains} limit ${PER_KIND})`,
    sql`(select 'user', 'email', u.id::text, u.account_id::bigint, u.email || ' (' || u.role || ')' from users u where u.email ilike ${contains} limit ${PER_KIND})`,
  ];
  const [rows, callRows] = await Promise.all([
    db.execute<{ kind: "key" | "account" | "user"; matched: string; id: string; account_id: string | null; label: string }>(
      sql.join(branches, sql` union all `),
    ),
    REQUEST_ID.test(q) ? findCallsByRequestId(db, q) : [],
  ]);

  const out: SearchResult[] = [];
  for (const c of callRows) {
    out.push({ kind: "call", id: c.requestId, accountId: c.accountId, label: `${c.requestId} · key #${c.keyId} · ${c.createdAt.toISOString()}`, matched: "request id" });
  }
  for (const r of rows) {
    const id = Number(r.id);
    if (out.some((o) => o.kind === r.kind && o.id === id)) continue; // a key found two ways is listed once
    out.push({ kind: r.kind, id, accountId: r.account_id === null ? null : Number(r.account_id), label: r.label, matched: r.matched });
  }
  return out;
}
