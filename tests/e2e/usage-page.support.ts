import path from "node:path";
import type { Page } from "playwright-core";
import type { Db } from "@/db";
import { inFlight } from "@/db/schema";
import { createKey } from "@/lib/keys/create-key";
import { recordCall, type CallRecord } from "@/lib/ledger/record-call";
import { priceImageCall } from "@/lib/pricing/price";
import { PRICE_BOOK_V1 } from "@/lib/pricing/price-book";
import { addDays, billingDay, billingDayStart } from "@/lib/time/billing-day";

/** Fixture and canvas helpers of tests/e2e/usage-page.test.ts. */
export const SHOTS = path.resolve(__dirname, "../../test-results");

type Spec = { id: string; size: string; quality: string; n: number; error?: [number, string] };

/**
 * The page runs on the real clock, so the fixture is laid out relative to today's Beijing day.
 * Hand-counted totals (last 30 Beijing days):
 *   today   10 × 1024x1024 high n=4   40 images  $8.44   (floor loses: 4 × $0.211)
 *           11 × 1536x1024 medium n=3 33 images  $2.64   (floor wins: 3 × $0.08)
 *            1 × image_daily_limit (429), 1 × concurrency_exhausted (429), 1 chat $0.02
 *   today-1 15 × 1024x1536 low n=1    15 images  $1.20;  1 × service_overloaded (503)
 *   today-5  8 × 1024x1024 medium n=2 16 images  $1.28;  2 × image_provider_unavailable (503)
 *   today-12 6 × 1024x1536 high n=1    6 images  $0.99;  1 chat $0.05
 *   today-40 3 × 1024x1024 high n=1 (outside the window, inside the all-time total) $0.633
 * → 57 calls, 5 failed, 110 images, $14.62 ($14.55 image + $0.07 chat); 73 images today,
 *   $11.10 today, $15.253 all time; one call in flight.
 */
export async function buildFixture(db: Db) {
  const { rawKey: raw, key } = await createKey(db, {
    accountName: "Browser Co",
    alias: "web-prod",
    dailyImageCap: 100,
    concurrencyCap: 2,
    dailyCostLimitMicros: 20_000_000,
    totalCostLimitMicros: 100_000_000,
  });
  const now = Date.now();
  const day = billingDay(new Date(now));
  const records: CallRecord[] = [];
  // Spread each day's calls over the part of the day that has already happened.
  const on = (d: string, specs: (Spec | "chat")[], chatCost = 0) => {
    const start = billingDayStart(d).getTime();
    const end = Math.min(now - 1000, start + 86_400_000 - 1000);
    specs.forEach((s, i) => {
      const at = new Date(start + Math.floor(((end - start) * (i + 1)) / (specs.length + 1)));
      if (s === "chat") {
        records.push({
          requestId: `chat_${d}`,
          accountId: key.accountId,
          keyId: key.id,
          kind: "chat",
          model: d === day ? "claude-sonnet-4-5" : "gpt-5",
          createdAt: at,
          latencyMs: 3_400,
          imagesDelivered: 0,
          httpStatus: 200,
          costMicros: chatCost,
          inputTokens: 1_200,
          outputTokens: 800,
        });
        return;
      }
      const price = priceImageCall(PRICE_BOOK_V1, s);
      const failed = s.error !== undefined;
      records.push({
        requestId: s.id,
        accountId: key.accountId,
        keyId: key.id,
        kind: "image",
        model: "gpt-image-2",
        createdAt: at,
        latencyMs: 20_000 + i * 731,
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
        promptPreview: `a lighthouse at dusk, call ${s.id}`,
      });
    });
  };
  const many = (count: number, prefix: string, s: Omit<Spec, "id">) =>
    Array.from({ length: count }, (_, i) => ({ ...s, id: `${prefix}_${String(i).padStart(2, "0")}` }));

  on(day, [
    ...many(10, "t_high", { size: "1024x1024", quality: "high", n: 4 }),
    ...many(11, "t_med", { size: "1536x1024", quality: "medium", n: 3 }),
    { id: "t_fail_cap", size: "1536x1024", quality: "medium", n: 2, error: [429, "image_daily_limit"] },
    { id: "t_fail_conc", size: "1024x1024", quality: "low", n: 1, error: [429, "concurrency_exhausted"] },
    "chat",
  ], 20_000);
  on(addDays(day, -1), [
    ...many(15, "y_low", { size: "1024x1536", quality: "low", n: 1 }),
    { id: "y_fail", size: "1024x1024", quality: "high", n: 1, error: [503, "service_overloaded"] },
  ]);
  on(addDays(day, -5), [
    ...many(8, "d5_med", { size: "1024x1024", quality: "medium", n: 2 }),
    ...many(2, "d5_fail", { size: "1024x1024", quality: "medium", n: 1, error: [503, "image_provider_unavailable"] }),
  ]);
  on(addDays(day, -12), [...many(6, "d12_hp", { size: "1024x1536", quality: "high", n: 1 }), "chat"], 50_000);
  on(addDays(day, -40), many(3, "old", { size: "1024x1024", quality: "high", n: 1 }));
  for (const r of records) await recordCall(db, r);

  // One call running right now.
  await db.insert(inFlight).values({
    keyId: key.id,
    accountId: key.accountId,
    requestId: "running_1",
    images: 1,
    day,
    expiresAt: new Date(now + 3600_000),
  });
  return { raw, day };
}

/**
 * Pixels of a chart card's canvases that have exactly the given colour (bar and cell interiors).
 * All canvases: ECharts may draw a series on a layer of its own.
 */
async function colouredPixels(page: Page, testId: string, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(
    ([id, [r, g, b]]) => {
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>(`[data-testid="${id}"] canvas`)];
      if (canvases.length === 0 || canvases.every((c) => c.width === 0)) return -1;
      let n = 0;
      for (const canvas of canvases) {
        const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) n++;
      }
      return n;
    },
    [testId, rgb] as const,
  );
}

/** Waits until a chart shows more than `min` pixels of a colour (a legend icon alone has ~120). */
export async function waitForPixels(page: Page, testId: string, rgb: [number, number, number], min = 400) {
  const deadline = Date.now() + 15_000;
  let n = -1;
  while (Date.now() < deadline) {
    n = await colouredPixels(page, testId, rgb);
    if (n > min) return n;
    await page.waitForTimeout(250);
  }
  await page.screenshot({ path: path.join(SHOTS, `usage-failed-${testId}.png`), fullPage: true });
  const top = await page.evaluate((id) => {
    const counts = new Map<string, number>();
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>(`[data-testid="${id}"] canvas`)) {
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) {
        const k = `${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    }
    return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}:${v}`).join(" ");
  }, testId);
  throw new Error(`chart ${testId} has ${n} pixels of rgb(${rgb.join(",")}); most common: ${top}`);
}
