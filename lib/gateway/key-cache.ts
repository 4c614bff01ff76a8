import "server-only";
import type { Db } from "@/db";
import type { ApiKey } from "@/db/schema";
import { lookupHashForKey } from "@/lib/keys/hash";
import { findKeyByRawKey } from "@/lib/keys/lookup";

/**
 * A few seconds of memory for key lookups: the lookup is a whole database round trip, a large
 * share of the gateway's own cost. Safe to be briefly stale because the reservation re-reads the
 * key's status, expiry and limits in its own transaction; only requests refused before that (a
 * malformed body) may see a key as it was up to TTL_MS ago. Unknown keys are never cached, so
 * random keys cannot fill the memory.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

const g = globalThis as unknown as { imgledgerKeyCache?: Map<string, { key: ApiKey; until: number }> };
const cache = (g.imgledgerKeyCache ??= new Map());

export async function findKeyCached(db: Db, rawKey: string): Promise<ApiKey | undefined> {
  const hash = lookupHashForKey(rawKey);
  const now = Date.now();
  const hit = cache.get(hash);
  if (hit && hit.until > now) return hit.key;
  const key = await findKeyByRawKey(db, rawKey);
  if (!key) {
    cache.delete(hash);
    return undefined;
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(hash, { key, until: now + TTL_MS });
  return key;
}
