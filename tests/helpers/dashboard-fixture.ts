import type { Db } from "@/db";
import { users } from "@/db/schema";
import { createKey } from "@/lib/keys/create-key";
import { recordCall, type CallRecord } from "@/lib/ledger/record-call";
import { priceImageCall } from "@/lib/pricing/price";
import { PRICE_BOOK_V1 } from "@/lib/pricing/price-book";

/** The dashboard fixture's clock: 2026-12-02 12:00 Beijing time (second day of a Beijing month). */
export const DASH_NOW = "2026-12-02T04:00:00.000Z";

type Img = { id: string; at: string; size: string; quality: string; n: number; region: string | null; error?: [number, string] };

/**
 * An account whose every dashboard number is known by hand (see tests/integration/dashboard-api.test.ts):
 * CNY "Dash Co" with four keys and calls on both sides of the Beijing month boundary
 * (2026-11-30 23:59:59 and 2026-12-01 00:00:00 Beijing time), image and chat models, four regions,
 * one call outside the 30-day range; "Other Co" with one key, a customer and a support user.
 */
export async function buildDashboardFixture(db: Db) {
  const prod = await createKey(db, {
    accountName: "Dash Co",
    currency: "CNY",
    alias: "prod",
    dailyImageCap: 10,
    dailyCostLimitMicros: 1_000_000,
    totalCostLimitMicros: 1_100_000,
  });
  const staging = await createKey(db, { accountName: "Dash Co", alias: "staging" });
  const old = await createKey(db, { accountName: "Dash Co", alias: "old", expiresAt: new Date("2026-12-05T04:00:00Z") });
  const paused = await createKey(db, { accountName: "Dash Co", alias: "paused", status: "disabled" });
  const other = await createKey(db, { accountName: "Other Co", alias: "theirs" });

  const image = (key: typeof prod.key, s: Img): CallRecord => {
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
      region: s.region,
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
  const chat = (key: typeof prod.key, id: string, at: string, model: string, cost: number, tin: number, tout: number): CallRecord => ({
    requestId: id,
    accountId: key.accountId,
    keyId: key.id,
    kind: "chat",
    model,
    createdAt: new Date(at),
    latencyMs: 4_000,
    imagesDelivered: 0,
    httpStatus: 200,
    costMicros: cost,
    inputTokens: tin,
    outputTokens: tout,
  });

  const records: CallRecord[] = [
    image(prod.key, { id: "d1", at: "2026-12-02T01:00:00Z", size: "1024x1024", quality: "high", n: 2, region: "hk" }),
    image(prod.key, { id: "d2", at: "2026-11-30T16:00:00Z", size: "1024x1024", quality: "low", n: 1, region: "jp" }),
    image(prod.key, { id: "d3", at: "2026-11-30T15:59:59Z", size: "1024x1536", quality: "high", n: 1, region: "hk" }),
    image(prod.key, { id: "d4", at: "2026-12-02T02:00:00Z", size: "1024x1024", quality: "low", n: 1, region: "hk", error: [429, "image_daily_limit"] }),
    chat(prod.key, "chat1", "2026-12-02T03:00:00Z", "claude-sonnet-4-5", 15_000, 1_200, 800),
    chat(prod.key, "chat2", "2026-11-20T03:00:00Z", "gpt-5", 5_000, 100, 50),
    image(prod.key, { id: "d5", at: "2026-10-15T04:00:00Z", size: "1024x1024", quality: "high", n: 1, region: "hk" }),
    image(staging.key, { id: "s1", at: "2026-12-01T05:00:00Z", size: "1024x1024", quality: "low", n: 3, region: "us" }),
    image(staging.key, { id: "s2", at: "2026-11-25T05:00:00Z", size: "1536x1024", quality: "medium", n: 1, region: "us" }),
    image(old.key, { id: "o1", at: "2026-11-28T05:00:00Z", size: "1024x1024", quality: "high", n: 1, region: "eu", error: [503, "image_provider_unavailable"] }),
    image(other.key, { id: "x1", at: "2026-12-02T01:30:00Z", size: "1024x1024", quality: "high", n: 4, region: "hk" }),
  ];
  for (const r of records) await recordCall(db, r);

  const [customer, otherCustomer, support] = await db
    .insert(users)
    .values([
      { email: "ops@dash.test", passwordHash: "x", role: "customer", accountId: prod.key.accountId },
      { email: "ops@other.test", passwordHash: "x", role: "customer", accountId: other.key.accountId },
      { email: "support@dash.test", passwordHash: "x", role: "support" },
    ])
    .returning();
  return { prod, staging, old, paused, other, customer: customer!, otherCustomer: otherCustomer!, support: support! };
}
