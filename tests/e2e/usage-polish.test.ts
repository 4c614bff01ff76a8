import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "@/lib/keys/create-key";
import { recordCall } from "@/lib/ledger/record-call";
import { priceImageCall } from "@/lib/pricing/price";
import { PRICE_BOOK_V1 } from "@/lib/pricing/price-book";
import { addDays, billingDay, billingDayStart, nextReset } from "@/lib/time/billing-day";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { expectAccessible } from "./a11y.support";
import { buildFixture, SHOTS, waitForPixels } from "./usage-page.support";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

let t: TestDb;
let app: AppServer;
let browser: Browser;
let rawKey: string;
let blockedKey: string;
let blockedSince: Date;
let cnyKey: string;
let capKey: string;
let capSince: Date;

beforeAll(async () => {
  const untilReset = nextReset(new Date()).getTime() - Date.now();
  if (untilReset < 3 * 60_000) await new Promise((r) => setTimeout(r, untilReset + 5_000));
  const sinceStart = Date.now() - billingDayStart(billingDay(new Date())).getTime();
  if (sinceStart < 120_000) await new Promise((r) => setTimeout(r, 120_000 - sinceStart));

  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  ({ raw: rawKey } = await buildFixture(t.db));

  // A key whose total cost limit ($1) was used up by five high-quality images ($1.055).
  const blocked = await createKey(t.db, { accountName: "Spent Co", alias: "spent", totalCostLimitMicros: 1_000_000 });
  blockedKey = blocked.rawKey;
  const price = priceImageCall(PRICE_BOOK_V1, { size: "1024x1024", quality: "high", n: 1 });
  const start = Date.now() - 50 * 60_000;
  for (let i = 0; i < 5; i++) {
    await recordCall(t.db, {
      requestId: `spent_${i}`, accountId: blocked.key.accountId, keyId: blocked.key.id, kind: "image", model: "gpt-image-2",
      createdAt: new Date(start + i * 60_000), latencyMs: 30_000, region: "hk", size: "1024x1024", quality: "high", n: 1,
      imagesDelivered: 1, httpStatus: 200, costMicros: price.billedMicros, unitPriceMicros: price.unitPriceMicros,
      floorMicros: price.floorMicros, priceVersion: price.priceVersion,
    });
  }
  blockedSince = new Date(start + 4 * 60_000 + 30_000);

  // A key whose two images a day are used up.
  const cap = await createKey(t.db, { accountName: "Spent Co", alias: "two-a-day", dailyImageCap: 2 });
  capKey = cap.rawKey;
  const low = priceImageCall(PRICE_BOOK_V1, { size: "1024x1024", quality: "low", n: 2 });
  const capAt = new Date(Math.max(billingDayStart(billingDay(new Date())).getTime() + 1000, Date.now() - 90_000));
  await recordCall(t.db, {
    requestId: "cap_0", accountId: cap.key.accountId, keyId: cap.key.id, kind: "image", model: "gpt-image-2", createdAt: capAt,
    latencyMs: 20_000, region: "hk", size: "1024x1024", quality: "low", n: 2, imagesDelivered: 2, httpStatus: 200,
    costMicros: low.billedMicros, unitPriceMicros: low.unitPriceMicros, floorMicros: low.floorMicros, priceVersion: low.priceVersion,
  });
  capSince = new Date(capAt.getTime() + 20_000);

  const cny = await createKey(t.db, { accountName: "杭州 Yuan Co", alias: "yuan", currency: "CNY" });
  cnyKey = cny.rawKey;
  app = await startAppServer(t.url, { USAGE_RATE_LIMIT_PER_MIN: "1000", LOCAL_ENGINE_DELAY_MS: "0", FX_USD_CNY: "7.25" });
  // One image from the built-in engine, through the real gateway.
  const res = await fetch(`${app.baseUrl}/qcode-img/v1/images/generations`, {
    method: "POST",
    headers: { authorization: `Bearer ${cnyKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-image-2", prompt: "a demo tile", size: "1024x1024", quality: "low", n: 1 }),
  });
  expect(res.status).toBe(200);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.drop();
});

async function open(width: number, height = 900, locale: "en" | "zh" = "en", query = ""): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: "en-US", timezoneId: "Asia/Kolkata" });
  await context.addInitScript((l) => window.localStorage.setItem("imgledger.locale", l), locale);
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/qcode-img/usage${query}`);
  return page;
}

async function enterKey(page: Page, key: string) {
  await page.locator('input[name="api-key"], input[type="password"]').first().fill(key);
  await page.locator("form button[type=submit]").first().click();
  await page.getByTestId("usage-body").waitFor();
}

function beijing(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

describe("usage page: range, banner, money, errors", () => {
  it("keeps the range in the URL: 7 / 30 / 90 / custom, and every card, chart, list and CSV follows it", async () => {
    const page = await open(1440);
    await enterKey(page, rawKey);
    expect(await page.getByTestId("total-calls").innerText()).toBe("57");
    const today = billingDay(new Date());

    // 90 days reaches the calls of 40 days ago: 60 calls, $15.2530, now in the list too.
    await page.locator('[data-range="90"]').click();
    await expect.poll(() => page.getByTestId("total-calls").innerText()).toBe("60");
    expect(new URL(page.url()).searchParams.get("range")).toBe("90");
    expect(page.url()).not.toContain("token");
    expect(await page.getByTestId("total-cost").innerText()).toBe("$15.2530");
    expect(await page.getByTestId("range-shown").innerText()).toBe(`${addDays(today, -89)} – ${today}`);
    expect(await page.getByTestId("card-totals").innerText()).toContain(`${addDays(today, -89)} – ${today}`);
    await page.getByTestId("load-more").click();
    await expect.poll(() => page.getByTestId("calls-count").innerText()).toBe("All 60 matching calls shown.");

    // 7 days: the 12-days-ago calls drop out of cards, charts and the list.
    await page.locator('[data-range="7"]').click();
    await expect.poll(() => page.getByTestId("total-calls").innerText()).toBe("50");
    expect((await page.getByTestId("breakdown-table").innerText()).includes("$0.9900")).toBe(false);
    // No size the gateway refuses appears anywhere on the page.
    expect(await page.getByTestId("usage-body").innerText()).not.toContain("2048x2048");
    await expect.poll(() => page.getByTestId("calls-count").innerText()).toBe("All 50 matching calls shown.");

    // Custom, yesterday only: 16 calls; the CSV has exactly those.
    await page.locator('[data-range="custom"]').click();
    await page.locator('input[name="range-from"]').fill(addDays(today, -1));
    await page.locator('input[name="range-to"]').fill(addDays(today, -1));
    await page.getByTestId("range-apply").click();
    await expect.poll(() => page.getByTestId("total-calls").innerText()).toBe("16");
    const url = new URL(page.url());
    expect([url.searchParams.get("range"), url.searchParams.get("from"), url.searchParams.get("to")]).toEqual(["custom", addDays(today, -1), addDays(today, -1)]);
    await expect.poll(() => page.getByTestId("calls-count").innerText()).toBe("All 16 matching calls shown.");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-download").click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8").slice(1).trimEnd().split("\r\n");
    expect(csv).toHaveLength(17);
    const header = csv[0]!.split(",");
    expect(header).toContain("billed_micros");
    expect(header).toContain("billed_usd");
    const usd = csv.slice(1).map((l) => l.split(",")[header.indexOf("billed_usd")]);
    expect(new Set(usd)).toEqual(new Set(["0.0800", "0.0000"]));
    expect(download.suggestedFilename()).toContain(`${addDays(today, -1)}-${addDays(today, -1)}`);

    // The URL is shareable: a reload opens the same range.
    await page.reload();
    await enterKey(page, rawKey);
    await expect.poll(() => page.getByTestId("total-calls").innerText()).toBe("16");
    await page.context().close();
  });

  it("says why a key cannot call, since when and what to do, with ≈ ¥ for a CNY account", async () => {
    const page = await open(1440);
    await enterKey(page, blockedKey);
    const banner = page.getByTestId("key-banner");
    expect((await banner.innerText()).replace(/\s+/g, " ")).toBe(
      `Every new call of this key is refused Its total cost limit of $1.0000 is reached, since ${beijing(blockedSince)} UTC+8 (calls answer 429 crs_total_exhausted). ` +
        "What to do: ask support to raise the total cost limit.",
    );
    expect(await page.getByTestId("key-status").innerText()).toBe("stopped by a limit");
    expect(await page.getByTestId("next-limit").count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "usage-1440-en-blocked.png"), fullPage: true });
    await expectAccessible(page, "usage, blocked key");

    // A daily limit: wait for Beijing midnight, shown in the viewer's own time too (India: no DST, half-hour offset).
    await page.getByRole("button", { name: "Change key" }).first().click();
    await enterKey(page, capKey);
    const reset = nextReset(new Date());
    const local = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Kolkata", dateStyle: "short", timeStyle: "short" }).format(reset);
    expect((await page.getByTestId("key-banner").innerText()).replace(/\s+/g, " ")).toBe(
      `Every new call of this key is refused Today's 2 images are used up, since ${beijing(capSince)} UTC+8 (calls answer 429 image_daily_limit). ` +
        `What to do: wait until 00:00 Beijing time (${local} (UTC+5:30) your time), or ask support to raise the limit.`,
    );

    await page.getByRole("button", { name: "Change key" }).first().click();
    await enterKey(page, cnyKey);
    expect(await page.getByTestId("fx-note").innerText()).toBe("Amounts are in USD; ≈ ¥ uses 7.25 CNY per USD (a display rate: billing stays in USD).");
    expect(await page.getByTestId("total-cost").innerText()).toBe("$0.0800 ≈ ¥0.58");
    await page.context().close();
  });

  it("marks images of the local engine as demo engine in the list, the drawer and the CSV", async () => {
    const page = await open(1440);
    await enterKey(page, cnyKey);
    const row = page.getByTestId("call-list").locator("tbody tr").first();
    await row.waitFor();
    expect(await row.getByTestId("demo-engine").innerText()).toBe("demo engine");
    await row.click();
    expect(await page.getByTestId("call-detail").innerText()).toContain("Made by the built-in preview engine");
    await page.keyboard.press("Escape");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-download").click()]);
    const lines = fs.readFileSync((await download.path())!, "utf8").slice(1).trimEnd().split("\r\n");
    const header = lines[0]!.split(",");
    expect(lines[1]!.split(",")[header.indexOf("engine")]).toBe("demo");
    await page.context().close();
  });
});

describe("usage page: keyboard, screen reader and phones", () => {
  it("the call drawer is a modal: focus stays inside, Escape closes it, focus returns to the row; a skip link reaches the pager", async () => {
    const page = await open(1440);
    await enterKey(page, rawKey);
    const list = page.getByTestId("call-list");
    await list.locator("tbody tr").first().waitFor();
    await expectAccessible(page, "usage with data");

    const row = list.locator('tr[data-request-id="t_high_03"]');
    await row.focus();
    await page.keyboard.press("Enter");
    const drawer = page.getByTestId("call-detail");
    await drawer.waitFor();
    expect(await drawer.getAttribute("role")).toBe("dialog");
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="call-detail"]'))).toBe(true);
    }
    await expectAccessible(page, "usage, call drawer open");
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-request-id"))).toBe("t_high_03");

    // The skip link: one Tab from the filters, Enter, and focus is at the pager, past 50 rows.
    const skip = page.getByTestId("skip-to-pager");
    await skip.focus();
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("calls-pager");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("load-more");
    // Focus is visible: a 3 px outline.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth)).toBe("3px");
    await page.context().close();
  });

  for (const locale of ["en", "zh"] as const) {
    it(`at 390 px (${locale}): the tooltip stays on screen, the breakdown's last column is visible, axe is clean`, async () => {
      const page = await open(390, 844, locale);
      await enterKey(page, rawKey);
      await waitForPixels(page, "chart-daily", [0x25, 0x41, 0xb2]);
      await page.getByTestId("call-list").locator("tbody tr").first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      const lastHead = page.getByTestId("breakdown-table").locator("thead th").last();
      await lastHead.scrollIntoViewIfNeeded();
      const box = (await lastHead.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);

      // Hover the right-most bar: the tooltip is confined to the viewport.
      const canvas = (await page.getByTestId("chart-daily").locator("canvas").first().boundingBox())!;
      await page.getByTestId("chart-daily").scrollIntoViewIfNeeded();
      const c2 = (await page.getByTestId("chart-daily").locator("canvas").first().boundingBox())!;
      await page.mouse.move(c2.x + c2.width / 2, c2.y + c2.height / 2);
      await page.mouse.move(c2.x + c2.width - 8, c2.y + c2.height - 40, { steps: 5 });
      const tooltip = page.getByTestId("chart-daily").locator(".chart-tooltip");
      await tooltip.waitFor({ state: "visible" });
      await page.waitForTimeout(400); // the tooltip slides into place
      const r = (await tooltip.boundingBox())!;
      const tip = { left: r.x, right: r.x + r.width };
      expect(canvas.width).toBeGreaterThan(0);
      expect(tip).not.toBeNull();
      expect(tip!.left).toBeGreaterThanOrEqual(0);
      expect(tip!.right).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(SHOTS, `usage-390-${locale}-tooltip.png`) });

      await expectAccessible(page, `usage 390 ${locale}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `usage-polish-390-${locale}.png`), fullPage: true });
      await page.setViewportSize({ width: 1440, height: 900 });
      await waitForPixels(page, "chart-daily", [0x25, 0x41, 0xb2]);
      await page.screenshot({ path: path.join(SHOTS, `usage-polish-1440-${locale}.png`), fullPage: true });
      await page.context().close();
    });
  }

  it("the key form page is accessible too", async () => {
    const page = await open(1440);
    await page.locator("form").first().waitFor();
    await expectAccessible(page, "usage key form");
    await page.context().close();
  });
});

describe("404, error page and favicon", () => {
  for (const p of ["/qcode-img/no-such-page", "/nothing-here"]) {
    it(`${p}: a branded 404 in both languages with one <title>`, async () => {
      const res = await fetch(`${app.baseUrl}${p}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html.match(/<title>/g)).toHaveLength(1);
      expect(html).toContain("Page not found");
      expect(html).toContain("页面不存在");
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}${p}`);
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      await expectAccessible(page, `404 ${p}`);
      await page.screenshot({ path: path.join(SHOTS, `404-390${p.replace(/\//g, "_")}.png`), fullPage: true });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `404-1440${p.replace(/\//g, "_")}.png`) });
      await context.close();
    });
  }

  it("serves a favicon from the app itself (no network) and links it", async () => {
    const html = await (await fetch(`${app.baseUrl}/qcode-img/usage`)).text();
    const href = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBeTruthy();
    const icon = await fetch(new URL(href!, app.baseUrl));
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
  });
});
