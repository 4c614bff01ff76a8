import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calls } from "@/db/schema";
import { createKey } from "@/lib/keys/create-key";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";

const SHOTS = path.resolve(__dirname, "../../test-results");
const PROMPT = 'A poster with the title "MORNING COFFEE 早安咖啡", warm orange and cream, 包豪斯风格';

let t: TestDb;
let app: AppServer;
let browser: Browser;
let rawKey: string;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  ({ rawKey } = await createKey(t.db, { accountName: "playground-e2e", alias: "browser" }));
  // Long enough to see the progress indicator, short enough for a test.
  app = await startAppServer(t.url, { LOCAL_ENGINE_DELAY_MS: "1200" });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.drop();
});

async function openPlayground(width: number, locale: "en" | "zh" = "en"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, locale: "en-US", reducedMotion: "reduce" });
  await context.addInitScript((l) => window.localStorage.setItem("imgledger.locale", l), locale);
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/qcode-img`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return { context, page };
}

async function shot(page: Page, name: string) {
  // The top bar is sticky: from the top, a full-page shot shows it where a reader sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `playground-${name}.png`), fullPage: true });
}

describe("playground in a real browser", () => {
  it("generates with the built-in engine, shows image, cost and request id, and downloads the PNG", async () => {
    const { context, page } = await openPlayground(1440);
    const requests: { url: string; auth: string | undefined }[] = [];
    page.on("request", (r) => requests.push({ url: r.url(), auth: r.headers()["authorization"] }));

    const keyInput = page.locator('input[name="api-key"]');
    expect(await keyInput.getAttribute("type")).toBe("password");
    await keyInput.fill(rawKey);
    await page.getByRole("button", { name: "Show", exact: true }).click();
    expect(await keyInput.getAttribute("type")).toBe("text");
    await page.getByRole("button", { name: "Hide", exact: true }).click();
    // Not ticked: nothing stored.
    expect(await page.evaluate(() => window.localStorage.getItem("imgledger.apiKey"))).toBeNull();

    await page.locator('textarea[name="prompt"]').fill(PROMPT);
    await expect.poll(() => page.getByTestId("prompt-count").textContent()).toBe(`${PROMPT.length} / 32,000 characters`);
    // Low quality is the default; the price of the choice shows before generating.
    expect(await page.locator('[data-quality="low"]').getAttribute("aria-pressed")).toBe("true");
    expect(await page.getByTestId("price").textContent()).toContain("1 × $0.0800 (floor) = $0.0800");
    await page.locator('[data-size="1536x1024"]').click();
    await page.locator('[data-n="2"]').click();
    expect(await page.getByTestId("price").textContent()).toContain("2 × $0.0800 (floor) = $0.1600");
    await page.locator('[data-quality="high"]').click();
    expect(await page.getByTestId("price").textContent()).toContain("2 × $0.1650 = $0.3300");
    await page.locator('[data-quality="low"]').click();

    // The code samples carry this server's base URL and the choices, never the real key.
    const sample = (await page.getByTestId("code-sample").textContent()) ?? "";
    expect(sample).toContain(`curl ${app.baseUrl}/qcode-img/v1/images/generations`);
    expect(sample).toContain('"size": "1536x1024"');
    expect(sample).toContain('"n": 2');
    expect(sample).toContain("Bearer cr_YOUR_QCODE_API_KEY");
    expect(sample).not.toContain(rawKey);
    await page.getByRole("tab", { name: "Python", exact: true }).click();
    const py = (await page.getByTestId("code-sample").textContent()) ?? "";
    expect(py).toContain(`base_url="${app.baseUrl}/qcode-img/v1"`);
    expect(py).toContain("timeout=180.0");
    expect(py).toContain('quality="low"');

    const responsePromise = page.waitForResponse((r) => r.url().endsWith("/qcode-img/v1/images/generations"));
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    await page.getByTestId("running").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "playground-running-en-1440.png") });
    expect(await page.getByTestId("elapsed").textContent()).toMatch(/^\d+\.\d s elapsed$/);
    await page.getByRole("button", { name: "Cancel", exact: true }).waitFor();
    const response = await responsePromise;
    expect(response.status()).toBe(200);
    const requestId = response.headers()["x-request-id"];
    expect(requestId).toMatch(/^req_/);

    const images = page.getByTestId("generated-image");
    await expect.poll(() => images.count()).toBe(2);
    for (const img of await images.all()) {
      await expect
        .poll(() => img.evaluate((el) => { const i = el as HTMLImageElement; return [i.complete, i.naturalWidth, i.naturalHeight]; }))
        .toEqual([true, 1536, 1024]);
      expect(await img.getAttribute("src")).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    }
    expect(await page.getByTestId("cost").textContent()).toBe("2 × $0.0800 (floor) = $0.1600");
    expect(await page.getByTestId("request-id").textContent()).toBe(requestId);
    expect(await page.getByTestId("revised-prompt").first().textContent()).toContain(PROMPT);

    // The key went only in the Authorization header of the generate call, never in a URL.
    const generateCalls = requests.filter((r) => r.url.endsWith("/qcode-img/v1/images/generations"));
    expect(generateCalls).toHaveLength(1);
    expect(generateCalls[0]!.auth).toBe(`Bearer ${rawKey}`);
    expect(requests.some((r) => r.url.includes(rawKey))).toBe(false);

    // The ledger billed what the page says.
    const rows = await t.db.select().from(calls).where(eq(calls.requestId, requestId!));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.costMicros).toBe(160_000);
    expect(rows[0]!.imagesDelivered).toBe(2);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").first().click()]);
    expect(download.suggestedFilename()).toBe(`gpt-image-2-${requestId}-1.png`);
    const file = await download.path();
    const png = PNG.sync.read(fs.readFileSync(file));
    expect([png.width, png.height]).toEqual([1536, 1024]);

    await shot(page, "en-1440");
    await page.getByRole("button", { name: "中文", exact: true }).click();
    await page.getByRole("heading", { name: "gpt-image-2 在线体验" }).waitFor();
    expect(await page.getByTestId("cost").textContent()).toBe("2 × $0.0800 (保底价) = $0.1600");
    await shot(page, "zh-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "zh-390");
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.getByRole("heading", { name: "gpt-image-2 Playground" }).waitFor();
    await shot(page, "en-390");
    // Both pages fit the phone: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it("remembers the key only when asked, and forgets it", async () => {
    const { context, page } = await openPlayground(1440);
    await page.locator('input[name="api-key"]').fill(rawKey);
    await page.getByLabel("Remember on this device").check();
    expect(await page.evaluate(() => window.localStorage.getItem("imgledger.apiKey"))).toBe(rawKey);
    await page.reload();
    await expect.poll(() => page.locator('input[name="api-key"]').inputValue()).toBe(rawKey);
    await page.getByRole("button", { name: "Forget key", exact: true }).click();
    expect(await page.locator('input[name="api-key"]').inputValue()).toBe("");
    expect(await page.evaluate(() => window.localStorage.getItem("imgledger.apiKey"))).toBeNull();
    await context.close();
  });

  it("shows invalid_api_key with its hint for a key the server does not know", async () => {
    for (const locale of ["en", "zh"] as const) {
      const { context, page } = await openPlayground(390, locale);
      await page.locator('input[name="api-key"]').fill(`cr_${"Z".repeat(40)}`);
      await page.locator('textarea[name="prompt"]').fill("a red square");
      await page.locator("form button[type=submit]").click();
      await page.getByTestId("error").waitFor();
      expect(await page.getByTestId("error-code").textContent()).toBe("invalid_api_key");
      const text = (await page.getByTestId("error").textContent()) ?? "";
      expect(text).toContain("HTTP 401");
      expect(text).toContain(locale === "en" ? "Check that you pasted the whole key" : "请确认粘贴了完整的密钥");
      expect(text).toContain(locale === "en" ? "Not billed" : "不计费");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.getByTestId("error").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `playground-error-${locale}-390.png`) });
      await context.close();
    }
  });

  it("Cancel stops the call: the page says so and the ledger has it unbilled", async () => {
    const { rawKey: cancelKey, key } = await createKey(t.db, { accountName: "playground-e2e", alias: "cancel" });
    const { context, page } = await openPlayground(1440);
    await page.locator('input[name="api-key"]').fill(cancelKey);
    await page.locator('textarea[name="prompt"]').fill("a slow lighthouse");
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await page.getByText("Cancelled. The request was stopped before an answer arrived, so nothing is billed.").waitFor();
    expect(await page.getByTestId("generated-image").count()).toBe(0);
    await expect
      .poll(async () => (await t.db.select().from(calls).where(eq(calls.keyId, key.id))).map((r) => [r.httpStatus, r.errorCode, r.costMicros, r.imagesDelivered]), { timeout: 10_000 })
      .toEqual([[499, "client_closed", 0, 0]]);
    await context.close();
  });

  const hasShellTools = ["curl", "jq", "base64"].every((c) => spawnSync("sh", ["-c", `command -v ${c}`]).status === 0);
  it.skipIf(!hasShellTools)("the copied curl sample runs as shown and saves the PNGs (needs curl, jq, base64)", async () => {
    const { context, page } = await openPlayground(1440);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.baseUrl });
    // An apostrophe and Chinese: the shell quoting must carry both through unchanged.
    const prompt = "Joe's café sign 乔的咖啡馆";
    await page.locator('textarea[name="prompt"]').fill(prompt);
    await page.locator('[data-size="1024x1536"]').click();
    await page.locator('[data-n="2"]').click();
    await page.getByTestId("copy-sample").click();
    await page.getByRole("button", { name: "✓ Copied", exact: true }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByTestId("code-sample").textContent());
    await context.close();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "playground-curl-"));
    try {
      execFileSync("bash", ["-euo", "pipefail", "-c", copied.replace("cr_YOUR_QCODE_API_KEY", rawKey)], { cwd: dir, timeout: 60_000, stdio: ["ignore", "pipe", "pipe"] });
      for (const name of ["output-1.png", "output-2.png"]) {
        const png = PNG.sync.read(fs.readFileSync(path.join(dir, name)));
        expect([png.width, png.height]).toEqual([1024, 1536]);
      }
      const body = JSON.parse(fs.readFileSync(path.join(dir, "response.json"), "utf8")) as { data: { revised_prompt: string }[] };
      expect(body.data[0]!.revised_prompt).toContain(prompt);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
