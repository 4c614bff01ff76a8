import "server-only";
import type { Db } from "@/db";
import type { ApiKey } from "@/db/schema";
import { lookupHashForKey } from "@/lib/keys/hash";
import { findKeyByRawKey } from "@/lib/keys/lookup";
import { changeListenerUp, ensureChangeListener, onKeyChanged } from "@/lib/limits/change-events";

/**
 * A few seconds of memory for key lookups: the lookup is a whole database round trip, a large
 * share of the gateway's own cost. The reservation re-reads the key's status, expiry and limits
 * in its own transaction, so limits are always fresh; status is what the cache could hold stale.
 * The console's changes are announced with NOTIFY and drop the key's entry on every process at
 * once; until this process's LISTEN is up, nothing is cached. Unknown keys are never cached, so
 * random keys cannot fill the memory.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { key: ApiKey; until: number };
const g = globalThis as unknown as { imgledgerKeyCache?: Map<string, Entry>; imgledgerKeyCacheHooked?: boolean };
const cache = (g.imgledgerKeyCache ??= new Map<string, Entry>());

if (!g.imgledgerKeyCacheHooked) {
  g.imgledgerKeyCacheHooked = true;
  onKeyChanged((keyId) => forgetKey(keyId));
}

/** Drops the cached entry of key `keyId` (null: every entry). */
export function forgetKey(keyId: number | null): void {
  if (keyId === null) return cache.clear();
  for (const [hash, entry] of cache) if (entry.key.id === keyId) cache.delete(hash);
}

export async function findKeyCached(db: Db, rawKey: string): Promise<ApiKey | undefined> {
  ensureChangeListener(db);
  const hash = lookupHashForKey(rawKey);
  const now = Date.now();
  const hit = cache.get(hash);
  if (hit && hit.until > now && changeListenerUp()) return hit.key;
  const key = await findKeyByRawKey(db, rawKey);
  if (!key) {
    cache.delete(hash);
    return undefined;
  }
  if (!changeListenerUp()) return key;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(hash, { key, until: now + TTL_MS });
  return key;
}
