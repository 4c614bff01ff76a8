import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium, type Browser, type ConsoleMessage, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/db/embedded";
import { createKey } from "@/lib/keys/create-key";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";

/**
 * In Chromium: the pages run under their nonce CSP (they hydrate, draw charts, show generated
 * images, and the browser reports no violation), they cannot be framed, and the reference's
 * browser `fetch` sample works from a page on another origin.
 */
const SHOTS = path.resolve(__dirname, "../../test-results");
/** The API reference's "JavaScript / Node.js / browser" sample, verbatim. */
const REFERENCE_SAMPLE = `const r = await fetch("https://api.qcode.cc/qcode-img/v1/images/generations", {
method: "POST",
headers: {
"Authorization": "Bearer cr_YOUR_QCODE_API_KEY",
"Content-Type": "application/json",
},
body: JSON.stringify({
model: "gpt-image-2",
prompt: "A cyberpunk Tokyo street at night",
size: "1024x1024",
quality: "low",
n: 1,
}),
});
const json = await r.json();
const dataUrl = "data:image/png;base64," + json.data[0].b64_json;
document.querySelector("img").src = dataUrl;`;

let t: TestDb;
let app: AppServer;
let browser: Browser;
let rawKey: string;
let other: http.Server;
let otherOrigin: string;

/** A page on another origin (another port of 127.0.0.1): the reference's sample, or a frame. */
function otherSitePage(url: string): string {
  if (url.startsWith("/frame")) return `<!doctype html><title>frame</title><iframe src="${app.baseUrl}/qcode-img" width="800" height="600"></iframe>`;
  const script = REFERENCE_SAMPLE.replace("https://api.qcode.cc", app.baseUrl).replace("cr_YOUR_QCODE_API_KEY", rawKey);
  return `<!doctype html><title>other site</title><img alt="result">
<script type="module">
try {
${script}
window.__requestId = r.headers.get("x-request-id");
window.__done = "ok";
} catch (e) { window.__done = "error: " + e.message; }
</script>`;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  ({ rawKey } = await createKey(t.db, { accountName: "browser-security", alias: "web" }));
  app = await startAppServer(t.url);
  const port = await freePort();
  other = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(otherSitePage(req.url ?? "/"));
  });
  await new Promise<void>((resolve) => other.listen(port, "127.0.0.1", resolve));
  otherOrigin = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => other?.close(r));
  await app?.stop();
  await t?.drop();
});

/** A page that records every CSP violation and every console error. */
async function watchedPage(width = 1440): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-US" });
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    // The browser's own favicon request (the app has none) is not the page's doing.
    if (/Failed to load resource/.test(m.text()) && /\/favicon\.ico$/.test(m.location().url)) return;
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, errors };
}

async function violationsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

describe("the pages under their CSP", () => {
  it("the playground hydrates, generates and shows the image, with no CSP violation", async () => {
    const { page, errors } = await watchedPage();
    await page.goto(`${app.baseUrl}/qcode-img`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    // Show/Hide works only once React has hydrated.
    const keyInput = page.locator('input[name="api-key"]');
    await keyInput.fill(rawKey);
    await page.getByRole("button", { name: "Show", exact: true }).click();
    expect(await keyInput.getAttribute("type")).toBe("text");
    await page.locator('textarea[name="prompt"]').fill("A vase under a strict policy");
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    const img = page.locator('img[src^="data:image/png;base64,"], img[src^="blob:"]').first();
    await img.waitFor({ timeout: 30_000 });
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1024);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, "csp-playground-1440.png"), fullPage: true });
    expect(await violationsOf(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the usage page hydrates and draws its charts, with no CSP violation", async () => {
    const { page, errors } = await watchedPage();
    await page.goto(`${app.baseUrl}/qcode-img/usage`);
    await page.getByLabel("API key", { exact: true }).fill(rawKey);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByTestId("card-images-value").waitFor();
    await page.locator('[data-testid="chart-daily"] canvas').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, "csp-usage-1440.png"), fullPage: true });
    expect(await violationsOf(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a page of another site cannot frame the app", async () => {
    const { page, errors } = await watchedPage();
    await page.goto(`${otherOrigin}/frame`);
    // A refused frame shows Chromium's error page instead of the playground.
    await expect.poll(() => page.frames().find((f) => f !== page.mainFrame())?.url()).toBe("chrome-error://chromewebdata/");
    expect(errors.join("\n")).toContain("frame-ancestors 'none'");
    await page.context().close();
  });
});

describe("CORS from another origin", () => {
  it("runs the reference's JavaScript fetch sample and gets an image and its request id", async () => {
    const { page } = await watchedPage();
    await page.goto(`${otherOrigin}/sample`);
    await page.waitForFunction(() => (window as unknown as { __done?: string }).__done !== undefined, undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { __done: string }).__done)).toBe("ok");
    const img = page.locator('img[alt="result"]');
    expect(await img.evaluate((el: HTMLImageElement) => el.src.slice(0, 22))).toBe("data:image/png;base64,");
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1024);
    expect(await page.evaluate(() => (window as unknown as { __requestId: string }).__requestId)).toMatch(/^req_[0-9a-f]{32}$/);
    await page.context().close();
  });

  it("the usage API (a key token, not for other sites) stays closed to them", async () => {
    const { page } = await watchedPage();
    await page.goto(`${otherOrigin}/sample`);
    const outcome = await page.evaluate(async (base) => {
      try {
        const r = await fetch(`${base}/qcode-img/api/usage/overview`, { headers: { authorization: `Bearer ${"0".repeat(64)}` } });
        return `status ${r.status}`;
      } catch (e) {
        return `blocked: ${(e as Error).name}`;
      }
    }, app.baseUrl);
    expect(outcome).toBe("blocked: TypeError");
    await page.context().close();
  });
});
