import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, headless and quiet: no network of its own, no updates, no first-run UI. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A page signed in by a session cookie (the sign-in form has its own tests), in English or Chinese. */
export async function signedInPage(browser: Browser, baseUrl: string, cookie: string, width: number, locale: "en" | "zh" = "en") {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: locale === "zh" ? "zh-CN" : "en-US" });
  const [name, value] = cookie.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
  await context.addInitScript((l) => window.localStorage.setItem("imgledger.locale", l), locale);
  return { context, page: await context.newPage() };
}
