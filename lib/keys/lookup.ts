import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apiKeys, type ApiKey } from "@/db/schema";
import { lookupHashForKey, lookupHashForToken, KEY_PATTERN, TOKEN_PATTERN } from "./hash";

/** The key a usage-page token (sha256 of the key) belongs to, whatever its status. */
export async function findKeyByToken(db: DbOrTx, token: string): Promise<ApiKey | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.lookupHash, lookupHashForToken(token))).limit(1);
  return key;
}

/** The key a raw `cr_…` key names, whatever its status. */
export async function findKeyByRawKey(db: DbOrTx, rawKey: string): Promise<ApiKey | undefined> {
  if (!KEY_PATTERN.test(rawKey)) return undefined;
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.lookupHash, lookupHashForKey(rawKey))).limit(1);
  return key;
}

export type KeyState = "active" | "disabled" | "expired";

export function keyState(key: Pick<ApiKey, "status" | "expiresAt">, now: Date): KeyState {
  if (key.status === "disabled") return "disabled";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}
