import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { seedDemoDataIfEmpty } from "@/lib/demo/seed";
import { formatUsd } from "@/lib/pricing/format";
import { billingDay, billingDayStart, nextReset } from "@/lib/time/billing-day";
import type { AccountOverview, MonthStatement } from "@/lib/usage/types";
import { launchChromium } from "../helpers/chromium";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { openai } from "../helpers/gateway";
import { sessionCookie, TEST_AUTH_SECRET } from "../helpers/session";
import { SHOTS, waitForPixels } from "./usage-page.support";

const HIGH_BLUE: [number, number, number] = [0x25, 0x41, 0xb2];

let t: TestDb;
let app: AppServer;
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  // The demo's "today" must still be today while the test runs: stay clear of Beijing midnight.
  const untilReset = nextReset(new Date()).getTime() - Date.now();
  if (untilReset < 3 * 60_000) await new Promise((r) => setTimeout(r, untilReset + 5_000));
  const sinceStart = Date.now() - billingDayStart(billingDay(new Date())).getTime();
  if (sinceStart < 60_000) await new Promise((r) => setTimeout(r, 60_000 - sinceStart));

  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  await seedDemoDataIfEmpty(t.db, { seed: "imgledger-demo-1", now: new Date() });
  const [acme] = await t.db.select().from(users).where(eq(users.email, "ops@acme.test"));
  cookie = await sessionCookie({ id: acme!.id, email: acme!.email });
  app = await startAppServer(t.url, { NEXTAUTH_SECRET: TEST_AUTH_SECRET });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.drop();
});

/** A browser context already signed in as the demo customer (the sign-in form has its own tests). */
async function signedIn(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, locale: "en-US" });
  const [name, ...rest] = cookie.split("=");
  await context.addCookies([{ name: name!, value: rest.join("="), url: app.baseUrl, httpOnly: true, sameSite: "Lax" }]);
  return { context, page: await context.newPage() };
}

async function api<T>(p: string): Promise<T> {
  const res = await fetch(`${app.baseUrl}/qcode-img/api/account/${p}`, { headers: { cookie } });
  expect(res.status, p).toBe(200);
  return (await res.json()) as T;
}

/** Every chart drawn and its 300 ms animation over, so a screenshot shows finished charts. */
async function settleCharts(page: Page, min = 200) {
  for (const chart of ["chart-models", "chart-regions", "chart-cost-by-model", "chart-images-by-quality"]) {
    await waitForPixels(page, chart, HIGH_BLUE, min);
  }
  await page.waitForTimeout(800);
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().innerText()).trim();

describe("the dashboard in a browser", () => {
  it("shows the overview with its numbers and charts drawn, follows the range in the URL, opens a key", async () => {
    const { context, page } = await signedIn(1440);
    await page.goto(`${app.baseUrl}/qcode-img/dashboard`);
    await page.getByTestId("overview-cards").waitFor();
    const o = await api<AccountOverview>("overview");
    expect(o.summary.calls).toBeGreaterThan(1000);
    expect(await text(page, "range-cost")).toBe(formatUsd(o.summary.costMicros));
    expect(await text(page, "today-cost")).toBe(formatUsd(o.today.costMicros));
    expect(await text(page, "month-cost")).toBe(formatUsd(o.monthToDate.costMicros));
    expect(await text(page, "all-time-cost")).toBe(formatUsd(o.allTimeCostMicros));
    expect(await text(page, "month-projection")).toBe(`Projected month-end ${formatUsd(o.monthToDate.projectedMicros)}`);
    expect(await text(page, "range-shown")).toBe(`${o.from} – ${o.to} (30 days, Beijing time)`);
    // Highest spend first; the disabled key says why it can make no call.
    const aliases = await page.locator("[data-testid=keys-table] tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-key-alias")));
    expect(aliases).toEqual(o.keys.map((k) => k.alias));
    expect(aliases[0]).toBe("prod");
    expect(await page.getByTestId("alerts").innerText()).toContain("ci is disabled: it can make no calls until it is enabled again.");
    // Model table: gpt-image-2 beside the chat models.
    const models = await page.locator("[data-testid=models-table] tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-model")));
    expect(models).toEqual(o.models.map((m) => m.model));
    expect(models).toContain("gpt-image-2");
    expect(models.length).toBeGreaterThan(1);

    for (const chart of ["chart-models", "chart-regions", "chart-cost-by-model", "chart-images-by-quality"]) {
      expect(await waitForPixels(page, chart, HIGH_BLUE), chart).toBeGreaterThan(400);
    }
    expect(await waitForPixels(page, "chart-errors", [0xe0, 0x8a, 0x00], 100)).toBeGreaterThan(100);
    await settleCharts(page);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-1440-en.png"), fullPage: true });

    // Range: 7 days → the URL changes, every card follows, and a reload keeps it.
    await page.locator('[data-range="7d"]').click();
    await page.waitForURL(/range=7d/);
    const week = await api<AccountOverview>(`overview?from=${shift(o.to, -6)}&to=${o.to}`);
    await expect.poll(() => text(page, "range-cost")).toBe(formatUsd(week.summary.costMicros));
    expect(await text(page, "range-shown")).toBe(`${shift(o.to, -6)} – ${o.to} (7 days, Beijing time)`);
    await page.reload();
    await page.getByTestId("overview-cards").waitFor();
    expect(page.url()).toContain("range=7d");
    expect(await text(page, "range-cost")).toBe(formatUsd(week.summary.costMicros));

    // A custom range of 2 days is hourly.
    await page.locator('[data-range="custom"]').click();
    await page.getByTestId("range-from").fill(shift(o.to, -1));
    await page.getByTestId("range-to").fill(o.to);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/range=custom/);
    await expect.poll(() => text(page, "range-shown")).toBe(`${shift(o.to, -1)} – ${o.to} (2 days, Beijing time) Shown hour by hour.`);
    expect(page.url()).toContain(`from=${shift(o.to, -1)}`);
    await page.getByTestId("chart-cost-by-model").getByRole("heading", { name: "Cost per hour by model" }).waitFor();

    // Open a key: the self-service view through the session, and its limit history.
    await page.getByTestId("open-key-prod").click();
    await page.waitForURL(/\/dashboard\/keys\/\d+$/);
    await page.getByTestId("usage-body").waitFor();
    const prod = o.keys.find((k) => k.alias === "prod")!;
    const keyOverview = await api<{ summary: { costMicros: number } }>(`keys/${prod.id}/overview`);
    expect(await text(page, "total-cost")).toBe(formatUsd(keyOverview.summary.costMicros));
    await page.getByTestId("call-list").locator("tbody tr").first().waitFor();
    expect(await waitForPixels(page, "chart-daily", HIGH_BLUE)).toBeGreaterThan(400);
    await page.getByTestId("limit-history").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "dashboard-key-1440-en.png"), fullPage: true });
    await context.close();
  });

  it("downloads a month's statement CSV that adds up to the statement", async () => {
    const { context, page } = await signedIn(1440);
    await page.goto(`${app.baseUrl}/qcode-img/dashboard`);
    const { months } = await api<{ months: MonthStatement[] }>("statements");
    const month = months[months.length > 1 ? 1 : 0]!;
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`statement-csv-${month.month}`).click()]);
    expect(download.suggestedFilename()).toBe(`imgledger-statement-${month.month}.csv`);
    const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
    const col = csv[0]!.split(",").indexOf("billed_micros");
    const micros = csv.slice(1).reduce((s, l) => s + Number(l.split(",")[col]!), 0);
    expect(csv.length - 1).toBe(month.calls);
    expect(micros).toBe(month.costMicros);
    await context.close();
  });

  it("creates a key shown once and usable with the official client, then asks for a higher daily cap", async () => {
    const { context, page } = await signedIn(1440);
    await page.goto(`${app.baseUrl}/qcode-img/dashboard`);
    await page.getByTestId("create-key").click();
    await page.getByTestId("new-key-alias").fill("e2e-new");
    await page.getByTestId("create-key-submit").click();
    const raw = (await page.getByTestId("new-key-value").innerText()).trim();
    expect(raw).toMatch(/^cr_[0-9A-Za-z]{40}$/);
    expect(await text(page, "new-key-warning")).toBe("Copy it now: it will not be shown again. We keep only a hash of it.");
    await page.screenshot({ path: path.join(SHOTS, "dashboard-new-key-1440-en.png") });
    await page.getByRole("button", { name: "Close" }).click();
    await page.locator('[data-key-alias="e2e-new"]').waitFor();

    const img = await openai(app.baseUrl, raw).images.generate({ model: "gpt-image-2", prompt: "a harbour at dawn", size: "1024x1024", quality: "low" });
    expect(img.data?.[0]?.b64_json).toBeTruthy();
    await page.reload();
    await expect.poll(() => page.locator('[data-key-alias="e2e-new"] td').nth(4).innerText()).toBe("$0.0800");

    // Ask for a higher daily cap for the new key.
    const keys = await api<{ keys: { id: number; alias: string }[] }>("keys");
    const id = keys.keys.find((k) => k.alias === "e2e-new")!.id;
    await page.getByTestId("req-key").selectOption(String(id));
    await page.getByTestId("req-field").selectOption("dailyImageCap");
    await page.getByTestId("req-value").fill("300");
    await page.getByTestId("req-reason").fill("Product launch next week");
    await page.getByTestId("req-submit").click();
    await expect.poll(() => text(page, "req-message")).toBe("Request sent: support will answer here.");
    const row = page.getByTestId("requests-table").locator("tbody tr").first();
    await expect.poll(() => row.innerText()).toContain("pending");
    expect((await row.innerText()).replace(/\s+/g, " ")).toContain("e2e-new Daily image cap 300 pending Product launch next week");
    await context.close();
  });

  it("reads at 390 px and in Chinese", async () => {
    const { context, page } = await signedIn(390);
    await page.goto(`${app.baseUrl}/qcode-img/dashboard`);
    await page.getByTestId("overview-cards").waitFor();
    expect(await waitForPixels(page, "chart-cost-by-model", HIGH_BLUE, 200)).toBeGreaterThan(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await settleCharts(page);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-390-en.png"), fullPage: true });
    await page.locator('[data-locale="zh"]').click();
    await page.getByRole("heading", { name: "控制台", level: 1 }).waitFor();
    await settleCharts(page);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-390-zh.png"), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await settleCharts(page);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-1440-zh.png"), fullPage: true });
    await context.close();
  });

  it("sends staff to the support console", async () => {
    const [admin] = await t.db.select().from(users).where(eq(users.email, "admin@imgledger.test"));
    const c = await sessionCookie({ id: admin!.id, email: admin!.email });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, ...rest] = c.split("=");
    await context.addCookies([{ name: name!, value: rest.join("="), url: app.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/qcode-img/dashboard`);
    // The page streams behind its loading state, so the redirect arrives in the stream, not as a 307.
    await page.waitForURL((u) => u.pathname === "/qcode-img/admin");
    expect(await page.getByTestId("dashboard").count()).toBe(0);
    await context.close();
  });

  it("a CNY account sees ≈ ¥ beside amounts and the rate", async () => {
    const [pixel] = await t.db.select().from(users).where(eq(users.email, "ops@pixelworks.test"));
    const c = await sessionCookie({ id: pixel!.id, email: pixel!.email });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-US" });
    const [name, ...rest] = c.split("=");
    await context.addCookies([{ name: name!, value: rest.join("="), url: app.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/qcode-img/dashboard`);
    await page.getByTestId("overview-cards").waitFor();
    expect(await text(page, "fx-note")).toBe("Amounts are billed in USD; ≈ ¥ figures use 7.2 CNY per USD (FX_USD_CNY).");
    expect(await text(page, "range-cost")).toMatch(/^\$[\d,]+\.\d{4}\s+≈ ¥[\d,]+\.\d{2}$/);
    await settleCharts(page);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-cny-1440-en.png"), fullPage: true });
    await context.close();
  });
});

function shift(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
}
