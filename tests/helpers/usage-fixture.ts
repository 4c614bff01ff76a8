import type { Db } from "@/db";
import { createKey } from "@/lib/keys/create-key";
import { tokenForKey } from "@/lib/keys/hash";
import { recordCall, type CallRecord } from "@/lib/ledger/record-call";
import { priceImageCall } from "@/lib/pricing/price";
import { PRICE_BOOK_V1 } from "@/lib/pricing/price-book";

/** The fixture's clock: 2026-11-24 12:00 Beijing time. */
export const FIXTURE_NOW = "2026-11-24T04:00:00.000Z";

type ImageSpec = { id: string; at: string; size: string; quality: string; n: number; error?: [number, string] };

/**
 * A small ledger whose every total is known by hand (see tests/integration/usage-api.test.ts):
 * key A with calls on both sides of Beijing midnight and of the 30-day window, 120 calls on one
 * day (several sharing a timestamp) for paging, a chat call, two failures; key B in the same
 * account and key C in another account, which key A must never see.
 */
export async function buildUsageFixture(db: Db) {
  const a = await createKey(db, {
    accountName: "Fixture Co",
    alias: "prod",
    dailyCostLimitMicros: 1_000_000,
    totalCostLimitMicros: 20_000_000,
  });
  const b = await createKey(db, { accountName: "Fixture Co", alias: "staging" });
  const c = await createKey(db, { accountName: "Other Co", alias: "prod" });

  const image = (key: typeof a.key, s: ImageSpec): CallRecord => {
    const price = priceImageCall(PRICE_BOOK_V1, s);
    const failed = s.error !== undefined;
    return {
      requestId: s.id,
      accountId: key.accountId,
      keyId: key.id,
      kind: "image",
      model: "gpt-image-2",
      createdAt: new Date(s.at),
      latencyMs: 30_000,
      region: "hk",
      size: s.size,
      quality: s.quality,
      n: s.n,
      imagesDelivered: failed ? 0 : s.n,
      httpStatus: failed ? s.error![0] : 200,
      errorCode: failed ? s.error![1] : null,
      costMicros: failed ? 0 : price.billedMicros,
      unitPriceMicros: failed ? null : price.unitPriceMicros,
      floorMicros: failed ? null : price.floorMicros,
      priceVersion: failed ? null : price.priceVersion,
      promptPreview: `fixture ${s.id}`,
    };
  };

  const records: CallRecord[] = [
    image(a.key, { id: "r1", at: "2026-11-24T01:00:00Z", size: "1024x1024", quality: "high", n: 2 }),
    image(a.key, { id: "r2", at: "2026-11-23T16:00:00Z", size: "1024x1024", quality: "low", n: 1 }),
    image(a.key, { id: "r3", at: "2026-11-24T02:00:00Z", size: "1536x1024", quality: "medium", n: 1, error: [429, "image_daily_limit"] }),
    {
      requestId: "r4",
      accountId: a.key.accountId,
      keyId: a.key.id,
      kind: "chat",
      model: "claude-sonnet-4-5",
      createdAt: new Date("2026-11-24T03:00:00Z"),
      latencyMs: 4_200,
      imagesDelivered: 0,
      httpStatus: 200,
      costMicros: 15_000,
      inputTokens: 1_200,
      outputTokens: 800,
    },
    image(a.key, { id: "r5", at: "2026-11-23T15:59:59Z", size: "1024x1536", quality: "high", n: 1 }),
    image(a.key, { id: "r6", at: "2026-11-23T10:00:00Z", size: "1024x1024", quality: "high", n: 1, error: [503, "image_provider_unavailable"] }),
    image(a.key, { id: "r7", at: "2026-10-26T00:00:00Z", size: "1024x1024", quality: "medium", n: 3 }),
    image(a.key, { id: "r8", at: "2026-10-25T12:00:00Z", size: "1024x1024", quality: "high", n: 1 }),
    image(b.key, { id: "b1", at: "2026-11-24T01:30:00Z", size: "1024x1024", quality: "low", n: 1 }),
    image(c.key, { id: "c1", at: "2026-11-24T01:30:00Z", size: "1024x1024", quality: "high", n: 4 }),
  ];
  // 120 low-quality calls on 2026-11-20, three per timestamp, to page through.
  for (let i = 0; i < 120; i++) {
    const at = new Date(Date.parse("2026-11-20T00:00:00Z") + Math.floor(i / 3) * 1000).toISOString();
    records.push(image(a.key, { id: `p${String(i).padStart(3, "0")}`, at, size: "1024x1024", quality: "low", n: 1 }));
  }
  for (const r of records) await recordCall(db, r);

  return {
    keyA: { ...a, token: tokenForKey(a.rawKey) },
    keyB: { ...b, token: tokenForKey(b.rawKey) },
    keyC: { ...c, token: tokenForKey(c.rawKey) },
  };
}
