import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCredentials, seedDemoDataIfEmpty } from "@/lib/demo/seed";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";

const SHOTS = path.resolve(__dirname, "../../test-results");
const SEED = "imgledger-demo-1";
/** argon2 on a shared 2-core machine: give each answer time. */
const WAIT = { timeout: 15_000 };

let t: TestDb;
let app: AppServer;
let browser: Browser;
const creds = demoCredentials(SEED);
const customer = creds.users.find((u) => u.role === "customer")!;
const support = creds.users.find((u) => u.role === "support")!;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  await seedDemoDataIfEmpty(t.db, { seed: SEED, now: new Date() });
  app = await startAppServer(t.url);
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

async function open(width: number, locale: "en" | "zh" = "en", at = "/qcode-img/signin"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "en-US", reducedMotion: "reduce" });
  await context.addInitScript((l) => window.localStorage.setItem("imgledger.locale", l), locale);
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}${at}`);
  return { context, page };
}

async function submit(page: Page, email: string, password: string) {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId("signin-submit").click();
}

describe("sign-in in a real browser", () => {
  it("a demo customer lands on the dashboard, sees who is signed in on every page, and signs out", async () => {
    const { context, page } = await open(1440, "en", "/qcode-img/usage");
    // Signed out, the top bar offers to sign in, coming back to this page.
    const signInLink = page.getByTestId("sign-in-link");
    await signInLink.waitFor();
    expect(await signInLink.getAttribute("href")).toBe("/qcode-img/signin?callbackUrl=%2Fqcode-img%2Fusage");
    await page.goto(`${app.baseUrl}/qcode-img/signin`);
    await submit(page, customer.email, customer.password);
    await page.waitForURL(`${app.baseUrl}/qcode-img/dashboard`);
    // The dashboard is built elsewhere: until then a 404 without the top bar; once it exists, its top bar names the user.
    if (await page.getByTestId("session-menu").count()) {
      await expect.poll(() => page.getByTestId("session-who").textContent(), WAIT).toContain(customer.email);
    }
    // The dashboard itself is another part of the app; the session shows in the top bar everywhere.
    for (const where of ["/qcode-img/usage", "/qcode-img"]) {
      await page.goto(`${app.baseUrl}${where}`);
      await expect.poll(() => page.getByTestId("session-who").textContent(), WAIT).toBe(`${customer.email} · Acme Studio`);
      expect(await page.getByRole("link", { name: "Dashboard" }).getAttribute("href")).toBe("/qcode-img/dashboard");
    }
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: path.join(SHOTS, "signin-topbar-signed-in-390.png") });
    await page.setViewportSize({ width: 1440, height: 800 });
    await page.screenshot({ path: path.join(SHOTS, "signin-topbar-signed-in-1440.png") });

    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in-link").waitFor();
    expect((await context.cookies()).some((c) => c.name === "next-auth.session-token")).toBe(false);
    await page.reload();
    await page.getByTestId("sign-in-link").waitFor();
    // Back on the sign-in page after signing out: no automatic redirect.
    await page.goto(`${app.baseUrl}/qcode-img/signin`);
    await page.getByTestId("signin-submit").waitFor();
    await context.close();
  });

  it("demo support lands on the console, and a same-site callbackUrl is honoured", async () => {
    const { context, page } = await open(1440);
    await submit(page, support.email.toUpperCase(), support.password);
    await page.waitForURL(`${app.baseUrl}/qcode-img/admin`);
    await page.goto(`${app.baseUrl}/qcode-img`);
    await expect.poll(() => page.getByTestId("session-who").textContent(), WAIT).toBe(`${support.email} · support`);
    expect(await page.getByRole("link", { name: "Console" }).getAttribute("href")).toBe("/qcode-img/admin");
    await context.close();

    const again = await open(1440, "en", "/qcode-img/signin?callbackUrl=%2Fqcode-img%2Fusage");
    await submit(again.page, customer.email, customer.password);
    await again.page.waitForURL(`${app.baseUrl}/qcode-img/usage`);
    await again.context.close();
  });

  it("a wrong password shows one plain message; too many show the wait", async () => {
    const { context, page } = await open(1440);
    await submit(page, customer.email, "not-the-password");
    const error = page.getByTestId("signin-error");
    await expect.poll(() => error.textContent(), WAIT).toBe("Wrong email or password.");
    expect(await page.locator('input[name="password"]').inputValue()).toBe("");
    expect(page.url()).toBe(`${app.baseUrl}/qcode-img/signin`);
    await page.screenshot({ path: path.join(SHOTS, "signin-wrong-password-1440.png") });

    // Five failures for one email are answered; the sixth attempt is throttled.
    const button = page.getByTestId("signin-submit");
    for (let i = 0; i < 5; i++) {
      await submit(page, "nobody@example.test", `guess-${i}`);
      await expect.poll(() => button.isEnabled(), WAIT).toBe(true);
      expect(await error.textContent()).toBe("Wrong email or password.");
    }
    await submit(page, "nobody@example.test", "guess-6");
    await expect.poll(() => error.textContent(), WAIT).toBe("Too many attempts. Try again in 15 minutes.");
    await page.screenshot({ path: path.join(SHOTS, "signin-throttled-1440.png") });
    await context.close();

    const zh = await open(390, "zh");
    await submit(zh.page, customer.email, "not-the-password");
    await expect.poll(() => zh.page.getByTestId("signin-error").textContent(), WAIT).toBe("邮箱或密码错误。");
    await zh.page.screenshot({ path: path.join(SHOTS, "signin-wrong-password-zh-390.png") });
    await zh.context.close();
  });

  it("screenshots of the sign-in page at 390 and 1440 px, in English and Chinese", async () => {
    for (const locale of ["en", "zh"] as const) {
      for (const width of [390, 1440]) {
        const { context, page } = await open(width, locale);
        await page.getByTestId("signin-submit").waitFor();
        await expect.poll(() => page.locator("h1").textContent(), WAIT).toBe(locale === "en" ? "Sign in" : "登录");
        // Nothing wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: path.join(SHOTS, `signin-${locale}-${width}.png`), fullPage: true });
        await context.close();
      }
    }
  });
});
