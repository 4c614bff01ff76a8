import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, limitChanges, limitRequests } from "@/db/schema";
import { launchChromium, signedInPage } from "../helpers/chromium";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { makeUser, type TestUser } from "../helpers/console";
import { createTestDb, type TestDb } from "../helpers/db";
import { TEST_AUTH_SECRET } from "../helpers/session";
import { buildUsageFixture } from "../helpers/usage-fixture";

const SHOTS = path.resolve(__dirname, "../../test-results");

let t: TestDb;
let app: AppServer;
let browser: Browser;
let support: TestUser;
let fx: Awaited<ReturnType<typeof buildUsageFixture>>;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  fx = await buildUsageFixture(t.db);
  support = await makeUser(t, "support");
  const customer = await makeUser(t, "customer", fx.keyA.key.accountId);
  await t.db.insert(limitRequests).values({
    accountId: fx.keyA.key.accountId,
    keyId: fx.keyA.key.id,
    requestedBy: customer.id,
    field: "dailyImageCap",
    requestedValue: "500",
    reason: "Product launch on Friday",
  });
  app = await startAppServer(t.url, { NEXTAUTH_SECRET: TEST_AUTH_SECRET });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.drop();
});

const signedIn = (width: number, locale: "en" | "zh" = "en") => signedInPage(browser, app.baseUrl, support.cookie, width, locale);

async function chartsDrawn(page: Page) {
  // Every chart on screen has painted its canvas (or says why it is empty).
  await page.waitForFunction(() => {
    const hosts = [...document.querySelectorAll(".chart-host")];
    return hosts.length > 0 && hosts.every((h) => h.querySelector("canvas"));
  });
  await page.waitForTimeout(600);
}

describe("support console in Chromium", () => {
  it("a support user finds a key by its last 4 characters, raises the daily cap with a reason and sees the audit row", async () => {
    const { context, page } = await signedIn(1440);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${app.baseUrl}/qcode-img/admin`);
    await page.getByTestId("service-overview").waitFor();
    await chartsDrawn(page);
    await expect(page.getByTestId("pending-queue").textContent()).resolves.toContain("Product launch on Friday");

    const key = fx.keyA.key;
    const last4 = key.display.slice(-4);
    await page.getByTestId("console-search").fill(last4);
    const hit = page.getByTestId("search-results").getByRole("link", { name: new RegExp(`${key.display}.*matched key last 4`) });
    await hit.waitFor();
    await page.screenshot({ path: path.join(SHOTS, "console-home-1440.png"), fullPage: true });
    await hit.click();

    await page.waitForURL(`**/qcode-img/admin/keys/${key.id}`);
    await page.getByTestId("limits-form").waitFor();
    await page.getByTestId("usage-body").waitFor();
    const form = page.getByTestId("limits-form");
    await expect(form.textContent()).resolves.toContain("In force now: 100");
    await form.getByLabel("New value").first().fill("101");
    await form.getByLabel(/^Reason/).fill("Customer asked on the phone: launch day");
    await form.getByRole("button", { name: "Save changes" }).click();
    await form.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await expect(form.textContent()).resolves.toContain("In force now: 101");

    const audit = page.getByTestId("audit-section").getByTestId("audit-table");
    await audit.waitFor();
    const row = audit.locator("tbody tr").first();
    await expect(row.textContent()).resolves.toMatch(/Daily image cap.*100 → 101.*Customer asked on the phone: launch day/);
    await expect(row.textContent()).resolves.toContain(support.email);

    const [stored] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(stored!.dailyImageCap).toBe(101);
    const rows = await t.db.select().from(limitChanges).where(eq(limitChanges.keyId, key.id));
    expect(rows.map((r) => [r.field, r.oldValue, r.newValue, r.reason, r.actorUserId])).toEqual([
      ["dailyImageCap", "100", "101", "Customer asked on the phone: launch day", support.id],
    ]);

    // An empty reason is refused by the server, naming the field; nothing changes.
    await form.getByLabel("New value").first().fill("102");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("limits-error").textContent()).resolves.toContain("reason");
    await chartsDrawn(page);
    await page.screenshot({ path: path.join(SHOTS, "console-key-1440.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("support creates a key for an account: the raw key is shown once, in the same dialog as on the dashboard", async () => {
    for (const width of [1440, 390]) {
      const { context, page } = await signedIn(width);
      await page.goto(`${app.baseUrl}/qcode-img/admin/accounts/${fx.keyA.key.accountId}`);
      await page.getByRole("heading", { name: "Fixture Co" }).waitFor();
      await page.getByTestId("create-key").click();
      await page.getByTestId("new-key-alias").fill(`console-${width}`);
      await page.getByTestId("create-key-submit").click();
      const raw = (await page.getByTestId("new-key-value").innerText()).trim();
      expect(raw).toMatch(/^cr_/);
      await expect(page.getByTestId("new-key-warning").innerText()).resolves.toContain("only time the full key is shown");
      await page.screenshot({ path: path.join(SHOTS, `console-new-key-${width}.png`) });
      await page.getByRole("button", { name: "Close" }).click();
      await page.getByRole("link", { name: `console-${width}` }).waitFor();
      const [stored] = await t.db.select().from(apiKeys).where(eq(apiKeys.alias, `console-${width}`));
      expect(stored!.accountId).toBe(fx.keyA.key.accountId);
      expect(JSON.stringify(stored)).not.toContain(raw);
      await context.close();
    }
  });

  it("looks finished at 390 px and in Chinese", async () => {
    for (const [width, locale] of [
      [390, "en"],
      [390, "zh"],
      [1440, "zh"],
    ] as const) {
      const { context, page } = await signedIn(width, locale);
      await page.goto(`${app.baseUrl}/qcode-img/admin`);
      await page.getByTestId("service-overview").waitFor();
      await chartsDrawn(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${width} ${locale}`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SHOTS, `console-home-${width}-${locale}.png`), fullPage: true });
      await page.goto(`${app.baseUrl}/qcode-img/admin/keys/${fx.keyA.key.id}`);
      await page.getByTestId("usage-body").waitFor();
      await chartsDrawn(page);
      await page.screenshot({ path: path.join(SHOTS, `console-key-${width}-${locale}.png`), fullPage: true });
      await page.goto(`${app.baseUrl}/qcode-img/admin/accounts/${fx.keyA.key.accountId}`);
      await page.getByRole("heading", { name: "Fixture Co" }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, `console-account-${width}-${locale}.png`), fullPage: true });
      await page.goto(`${app.baseUrl}/qcode-img/admin/limit-requests`);
      await page.getByTestId("requests-table").waitFor();
      await page.screenshot({ path: path.join(SHOTS, `console-requests-${width}-${locale}.png`), fullPage: true });
      await context.close();
    }
  });
});
