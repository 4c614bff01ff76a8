/**
 * Builds a synthetic ledger for the benchmark through lib/ledger's bulk writer: `keys` keys in
 * `keys / 20` accounts, calls spread over 60 days. Key 0 of account 0 is the busiest (8% of all
 * calls); the rest spread evenly, so a "typical" key holds about (calls × 0.92 / keys) calls.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts, apiKeys, type ApiKey } from "@/db/schema";
import { displayForm, generateRawKey, lookupHashForKey } from "@/lib/keys/hash";
import { insertCallsBulk } from "@/lib/ledger/bulk-insert";
import type { CallRecord } from "@/lib/ledger/record-call";
import { priceImageCall } from "@/lib/pricing/price";
import { PRICE_BOOK_V1 } from "@/lib/pricing/price-book";

const SIZES = ["1024x1024", "1024x1536", "1536x1024"] as const;
const QUALITIES = ["low", "medium", "high"] as const;
const ERRORS: [number, string][] = [
  [429, "image_daily_limit"],
  [429, "concurrency_exhausted"],
  [503, "image_provider_unavailable"],
  [422, "unsupported_size"],
];

/** Small fast deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function createBenchKeys(db: Db, keyCount: number): Promise<ApiKey[]> {
  const accountCount = Math.max(1, Math.ceil(keyCount / 20));
  const accs = await db
    .insert(accounts)
    .values(Array.from({ length: accountCount }, (_, i) => ({ name: `bench-account-${i}` })))
    .returning();
  const keys: ApiKey[] = [];
  for (let start = 0; start < keyCount; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, keyCount - start) }, (_, j) => {
      const i = start + j;
      const raw = generateRawKey();
      return {
        accountId: accs[i % accountCount]!.id,
        alias: `bench-${i}`,
        lookupHash: lookupHashForKey(raw),
        display: displayForm(raw),
        dailyImageCap: 1_000_000,
      };
    });
    keys.push(...(await db.insert(apiKeys).values(batch).returning()));
  }
  return keys;
}

export async function loadLedger(
  db: Db,
  keys: ApiKey[],
  total: number,
  now: Date,
  onProgress: (done: number) => void,
): Promise<{ seconds: number; rowsPerSecond: number }> {
  const rand = rng(42);
  const chunk = 20_000;
  const spanMs = 60 * 86_400_000;
  const t0 = performance.now();
  let seq = 0;
  for (let done = 0; done < total; done += chunk) {
    const records: CallRecord[] = [];
    for (let i = 0; i < Math.min(chunk, total - done); i++) {
      const key = rand() < 0.08 ? keys[0]! : keys[1 + Math.floor(rand() * (keys.length - 1))] ?? keys[0]!;
      const createdAt = new Date(now.getTime() - Math.floor(rand() * spanMs));
      const chat = rand() < 0.15;
      const failed = rand() < 0.04;
      const requestId = `bench_${(seq++).toString(36)}`;
      if (chat) {
        records.push({
          requestId, accountId: key.accountId, keyId: key.id, kind: "chat", model: "claude-sonnet-4-5",
          createdAt, latencyMs: 800 + Math.floor(rand() * 9000), imagesDelivered: 0,
          httpStatus: failed ? 503 : 200, errorCode: failed ? "service_overloaded" : null,
          costMicros: failed ? 0 : 1000 + Math.floor(rand() * 40_000),
          inputTokens: 500 + Math.floor(rand() * 5000), outputTokens: 100 + Math.floor(rand() * 2000),
        });
        continue;
      }
      const size = SIZES[Math.floor(rand() * SIZES.length)]!;
      const quality = QUALITIES[Math.floor(rand() * QUALITIES.length)]!;
      const n = rand() < 0.85 ? 1 : 2 + Math.floor(rand() * 3);
      const price = priceImageCall(PRICE_BOOK_V1, { size, quality, n });
      const err = failed ? ERRORS[Math.floor(rand() * ERRORS.length)]! : null;
      records.push({
        requestId, accountId: key.accountId, keyId: key.id, kind: "image", model: "gpt-image-2", createdAt,
        latencyMs: 20_000 + Math.floor(rand() * 100_000), region: "hk", size, quality, n,
        imagesDelivered: err ? 0 : n, httpStatus: err ? err[0] : 200, errorCode: err ? err[1] : null,
        costMicros: err ? 0 : price.billedMicros,
        unitPriceMicros: err ? null : price.unitPriceMicros, floorMicros: err ? null : price.floorMicros,
        priceVersion: err ? null : price.priceVersion,
      });
    }
    await insertCallsBulk(db, records);
    onProgress(done + records.length);
  }
  const seconds = (performance.now() - t0) / 1000;
  await db.execute(sql`analyze`);
  return { seconds, rowsPerSecond: total / seconds };
}
