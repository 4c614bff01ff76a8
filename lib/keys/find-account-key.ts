import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiKeys, type ApiKey } from "@/db/schema";
import { notFound } from "@/lib/errors";

/** A key of the account by id, or 404: another account's key is not told apart from a missing one. */
export async function findAccountKey(db: DbOrTx, accountId: number, keyId: string | number): Promise<ApiKey> {
  const id = typeof keyId === "number" ? keyId : /^\d{1,15}$/.test(keyId) ? Number(keyId) : NaN;
  if (!Number.isSafeInteger(id)) throw notFound("Key");
  const [key] = await db.select().from(apiKeys).where(and(eq(apiKeys.accountId, accountId), eq(apiKeys.id, id))).limit(1);
  if (!key) throw notFound("Key");
  return key;
}

