import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { chromium, type Browser, type Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calls } from "@/db/schema";
import { createKey } from "@/lib/keys/create-key";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { expectAccessible } from "./a11y.support";

const ROOT = path.resolve(__dirname, "../..");
const SHOTS = path.join(ROOT, "test-results");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

let t: TestDb;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  app = await startAppServer(t.url, { LOCAL_ENGINE_DELAY_MS: "300" });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.drop();
});

async function open(width: number, height: number, locale: "en" | "zh" = "en"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: "en-US", timezoneId: "Asia/Kolkata", reducedMotion: "reduce" });
  await context.addInitScript((l) => window.localStorage.setItem("imgledger.locale", l), locale);
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/qcode-img`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

async function generateInView(page: Page) {
  const button = page.locator("form button[type=submit], form button.primary").first();
  const box = (await button.boundingBox())!;
  const vp = page.viewportSize()!;
  return box.y >= 0 && box.y + box.height <= vp.height && box.x >= 0 && box.x + box.width <= vp.width;
}

describe("playground: the key's own limits, history, samples", () => {
  it("shows images left from the key's real cap, keeps paid results when the next call fails, and explains the failure in Chinese", async () => {
    const { rawKey } = await createKey(t.db, { accountName: "pg-polish", alias: "three", dailyImageCap: 3, concurrencyCap: 1 });
    const page = await open(1440, 900);
    expect(await generateInView(page)).toBe(true);
    await page.locator('input[name="api-key"]').fill(rawKey);
    await expect.poll(() => page.getByTestId("images-left").textContent()).toBe("3 of 3 images left today");
    expect(await page.getByTestId("key-today").textContent()).toContain("concurrency limit 1");
    const reset = (await page.getByTestId("reset-at").textContent()) ?? "";
    expect(reset).toMatch(/^Resets at \d{4}-\d\d-\d\d 00:00 UTC\+8 \(Beijing time\), \d{4}-\d\d-\d\d 21:30 \(UTC\+5:30\) your time$/);
    expect(reset).not.toMatch(/T\d\d:\d\d|Z\b/);

    await page.locator('textarea[name="prompt"]').fill("two red squares");
    await page.locator('[data-n="2"]').click();
    expect(await generateInView(page)).toBe(true);
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    await page.getByTestId("success").waitFor();
    const firstId = (await page.getByTestId("request-id").textContent())!;
    await expect.poll(() => page.getByTestId("images-left").textContent()).toBe("1 of 3 images left today");
    expect(await page.getByTestId("demo-engine").textContent()).toContain("demo engine");
    const history = page.getByTestId("history-item");
    expect(await history.count()).toBe(1);
    expect(await history.first().getByTestId("history-request-id").textContent()).toBe(firstId);
    expect(await history.first().getByTestId("history-cost").textContent()).toBe("$0.1600");
    await page.screenshot({ path: path.join(SHOTS, "playground-polish-1440-en.png"), fullPage: true });
    await expectAccessible(page, "playground en 1440 after a result");

    // In Chinese, two more images than the key has left: the gateway's code, explained in
    // Chinese with the key's own figures; no English message, no raw ISO time.
    await page.getByRole("button", { name: "中文", exact: true }).click();
    await page.getByRole("heading", { name: "gpt-image-2 在线体验" }).waitFor();
    expect(await page.title()).toBe("在线体验 · imgledger");
    await page.getByRole("button", { name: "生成", exact: true }).click();
    const error = page.getByTestId("error");
    await error.waitFor();
    expect(await page.getByTestId("error-code").textContent()).toBe("image_daily_limit");
    const text = (await error.textContent()) ?? "";
    expect(text).toContain("此密钥今日的图片数已达上限");
    await expect.poll(() => page.getByTestId("error-facts").textContent()).toMatch(/^今日还可生成 1 \/ 3 张 · 北京时间 \d{4}-\d\d-\d\d 00:00 UTC\+8 重置，即您当地时间 \d{4}-\d\d-\d\d 21:30 \(UTC\+5:30\)$/);
    expect(text).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/); // no English sentence
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(text).not.toContain("100");

    // The paid result is still there, downloadable.
    expect(await history.count()).toBe(1);
    expect(await history.first().getByTestId("history-request-id").textContent()).toBe(firstId);
    const [download] = await Promise.all([page.waitForEvent("download"), history.first().locator("a").first().click()]);
    expect(download.suggestedFilename()).toBe(`gpt-image-2-${firstId}-1.png`);
    await page.screenshot({ path: path.join(SHOTS, "playground-polish-1440-zh.png"), fullPage: true });
    await expectAccessible(page, "playground zh 1440 with an error");
    await page.context().close();
  });

  it("keeps Generate in view on a phone (390×844) and is accessible in both languages", async () => {
    for (const locale of ["en", "zh"] as const) {
      const page = await open(390, 844, locale);
      expect(await generateInView(page)).toBe(true);
      await page.locator('textarea[name="prompt"]').fill("a quiet harbour");
      await page.locator('[data-quality="high"]').click();
      expect(await generateInView(page)).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(page, `playground 390 ${locale}`);
      await page.screenshot({ path: path.join(SHOTS, `playground-polish-390-${locale}.png`), fullPage: false });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `playground-polish-390-${locale}-full.png`), fullPage: true });
      await page.context().close();
    }
  });

  it("the Node openai sample and the browser fetch sample run as shown, each with an Idempotency-Key", async () => {
    const { rawKey, key } = await createKey(t.db, { accountName: "pg-polish", alias: "samples" });
    const page = await open(1440, 900);
    await page.locator('textarea[name="prompt"]').fill("Joe's café 乔的咖啡馆");
    await page.getByRole("tab", { name: "Node.js (openai)" }).click();
    const node = (await page.getByTestId("code-sample").textContent())!;
    expect(node).toContain('import OpenAI from "openai";');
    expect(node).toContain('"Idempotency-Key": idempotencyKey');
    expect(node).toContain("dangerouslyAllowBrowser");
    expect(node).toContain(`baseURL: "${app.baseUrl}/qcode-img/v1"`);
    await page.getByRole("tab", { name: "JavaScript (browser fetch)" }).click();
    const fetchSample = (await page.getByTestId("code-sample").textContent())!;
    expect(fetchSample).toContain('"Idempotency-Key": crypto.randomUUID()');

    // Node: saved as a file inside the project (so `openai` resolves), run with the key in the env.
    const dir = fs.mkdtempSync(path.join(ROOT, ".sample-"));
    try {
      fs.writeFileSync(path.join(dir, "generate.mjs"), node);
      execFileSync("node", ["generate.mjs"], { cwd: dir, env: { ...process.env, QCODE_API_KEY: rawKey }, timeout: 60_000, stdio: "pipe" });
      const png = PNG.sync.read(fs.readFileSync(path.join(dir, "output-1.png")));
      expect([png.width, png.height]).toEqual([1024, 1024]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // Browser: pasted into the console of this page, as the comment says.
    await page.evaluate(`(async () => { ${fetchSample.replace("cr_YOUR_QCODE_API_KEY", rawKey)} })()`);
    await expect.poll(() => page.locator('body > img[src^="data:image/png;base64,"]').count()).toBe(1);

    const rows = await t.db.select().from(calls).where(eq(calls.keyId, key.id));
    expect(rows.map((r) => [r.httpStatus, r.costMicros])).toEqual([
      [200, 80_000],
      [200, 80_000],
    ]);
    await page.context().close();
  });
});
