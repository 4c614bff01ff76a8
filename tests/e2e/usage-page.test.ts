import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "@/lib/keys/create-key";
import { tokenForKey } from "@/lib/keys/hash";
import { setKeyStatus } from "@/lib/keys/set-key-status";
import { billingDay, billingDayStart, nextReset } from "@/lib/time/billing-day";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildFixture, SHOTS, waitForPixels } from "./usage-page.support";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

let t: TestDb;
let app: AppServer;
let browser: Browser;
let rawKey: string;
let today: string;
let disabledKey: string;
let expiredKey: string;


beforeAll(async () => {
  // The fixture's "today" must still be today when the page loads: stay clear of Beijing midnight.
  const untilReset = nextReset(new Date()).getTime() - Date.now();
  if (untilReset < 3 * 60_000) await new Promise((r) => setTimeout(r, untilReset + 5_000));
  const sinceStart = Date.now() - billingDayStart(billingDay(new Date())).getTime();
  if (sinceStart < 60_000) await new Promise((r) => setTimeout(r, 60_000 - sinceStart));

  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  ({ raw: rawKey, day: today } = await buildFixture(t.db));
  // Keys that never made a call: one disabled, one expired, neither with cost limits.
  // Disabled by support (audited), so the page can say since when.
  const paused = await createKey(t.db, { accountName: "Quiet Co", alias: "paused" });
  await setKeyStatus({
    ctx: { db: t.db, now: new Date("2026-11-20T02:00:00Z"), actor: { userId: null, label: "support@imgledger.test" }, accountId: null },
    input: { keyId: paused.key.id, status: "disabled", reason: "chargeback" },
  });
  disabledKey = paused.rawKey;
  expiredKey = (
    await createKey(t.db, { accountName: "Quiet Co", alias: "old", expiresAt: new Date("2026-01-02T16:00:00Z") })
  ).rawKey;
  app = await startAppServer(t.url, { USAGE_RATE_LIMIT_PER_MIN: "1000" });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.drop();
});

type Sent = { url: string; headers: Record<string, string>; body: string | null };

async function openPage(width: number, sent: Sent[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, locale: "en-US" });
  const page = await context.newPage();
  page.on("request", (req) => {
    void req.allHeaders().then(
      (headers) => sent.push({ url: req.url(), headers, body: req.postData() }),
      () => sent.push({ url: req.url(), headers: req.headers(), body: req.postData() }),
    );
  });
  await page.goto(`${app.baseUrl}/qcode-img/usage`);
  return page;
}

async function enterKey(page: Page, key: string, remember = false) {
  const input = page.getByLabel("API key", { exact: true });
  await input.fill(key);
  if (remember) await page.getByLabel(/Remember on this device/).check();
  await page.getByRole("button", { name: "Continue" }).click();
}


function assertKeyNeverSent(sent: Sent[], key: string) {
  expect(sent.length).toBeGreaterThan(5);
  for (const s of sent) {
    expect(s.url).not.toContain(key);
    expect(s.url).not.toContain(tokenForKey(key)); // the token travels in a header, never in a URL
    for (const [name, value] of Object.entries(s.headers)) {
      expect(`${name}: ${value}`).not.toContain(key);
    }
    if (s.body) expect(s.body).not.toContain(key);
  }
}

describe("the usage page in a browser", () => {
  it("validates the key, rejects an unknown one, then shows the fixture's exact usage", async () => {
    const sent: Sent[] = [];
    const page = await openPage(1440, sent);
    await expect.poll(() => page.getByRole("heading", { name: "Usage", level: 1 }).isVisible()).toBe(true);

    // Format check before anything is sent.
    await enterKey(page, "cr_tooshort");
    await page.getByText("This key is too short: cr_ is followed by at least 32 letters and digits.").waitFor();
    await enterKey(page, "sk-live-whatever");
    await page.getByText("An API key starts with cr_.").waitFor();
    expect(sent.filter((s) => s.url.includes("/api/usage/"))).toHaveLength(0);

    // A well-formed key nobody issued.
    await enterKey(page, `cr_${"Z".repeat(40)}`);
    await page.getByText(/Key not recognised/).waitFor();
    await page.getByRole("button", { name: "Change key" }).first().click();

    // The real key, not remembered.
    await enterKey(page, rawKey);
    const images = page.getByTestId("card-images-value");
    await images.waitFor();
    expect(await images.innerText()).toBe("73 / 100");
    expect(await page.evaluate(() => window.localStorage.getItem("imgledger.apiKey"))).toBeNull();
    expect(await page.getByTestId("card-concurrency-value").innerText()).toBe("1 / 2");
    expect(await page.getByTestId("card-daily-cost-value").innerText()).toBe("$11.1000 / $20.0000");
    expect(await page.getByTestId("card-total-cost-value").innerText()).toBe("$15.2530 / $100.0000");
    // 73/100 is the highest use ratio: said plainly, in neutral style (73 % is not near yet).
    expect(await page.getByTestId("card-images").getAttribute("class")).not.toContain("binding");
    expect(await page.getByTestId("card-daily-cost").getAttribute("class")).not.toContain("binding");
    expect(await page.getByTestId("next-limit").innerText()).toBe("Daily images will run out first (27 of 100 left).");
    expect(await page.getByTestId("next-limit").getAttribute("class")).toBe("next-limit");
    expect(await page.getByTestId("key-banner").count()).toBe(0);
    expect(await page.getByTestId("reset-countdown").innerText()).toMatch(/^Resets in \d\d:\d\d:\d\d at 00:00 Beijing time \(UTC\+8\)$/);
    expect(await page.getByTestId("total-calls").innerText()).toBe("57");
    expect(await page.getByTestId("total-images").innerText()).toBe("110");
    expect(await page.getByTestId("total-cost").innerText()).toBe("$14.6200");
    expect(await page.getByTestId("total-failed").innerText()).toBe("5");
    expect(await page.getByTestId("key-status").innerText()).toBe("active");
    // $14.55 of image cost over 110 images; failures listed by code.
    expect(await page.getByTestId("card-totals").innerText()).toContain("Average per image $0.1323");
    expect((await page.getByTestId("failed-by-code").innerText()).replace(/\s+/g, " ")).toBe(
      "image_provider_unavailable × 2 concurrency_exhausted × 1 image_daily_limit × 1 service_overloaded × 1",
    );
    expect(await page.getByTestId("error-group-limits").innerText()).toContain("2");
    expect(await page.getByTestId("error-group-service").innerText()).toContain("3");

    // Breakdown table: one row per billed size × quality, then the totals.
    const rows = await page.getByTestId("breakdown-table").locator("tbody tr").allInnerTexts();
    expect(rows.map((r) => r.split("\t").join(" "))).toEqual([
      "1024x1024 medium 8 16 $1.2800 8.8%",
      "1024x1024 high 10 40 $8.4400 58.0%",
      "1024x1536 low 15 15 $1.2000 8.2%",
      "1024x1536 high 6 6 $0.9900 6.8%",
      "1536x1024 medium 11 33 $2.6400 18.1%",
    ]);
    expect((await page.getByTestId("breakdown-table").locator("tfoot tr").innerText()).split("\t").join(" ")).toBe(
      "Total 50 110 $14.5500 100%",
    );
    // Why the table counts fewer calls than the totals: the failed image calls, by code.
    expect((await page.getByTestId("breakdown-excluded").innerText()).replace(/\s+/g, " ")).toBe(
      "Not in this table: 5 failed image calls (a failed call bills nothing, so has no billed size). Billed 50 + failed 5 = 55 image calls, as in the totals. " +
        "image_provider_unavailable × 2 concurrency_exhausted × 1 image_daily_limit × 1 service_overloaded × 1",
    );
    // Every error code explained, in its group.
    const codes = page.getByTestId("chart-errors").locator(".error-codes li");
    expect(await codes.count()).toBe(4);
    expect(await page.getByTestId("chart-errors").locator('li[data-code="image_daily_limit"]').innerText()).toContain(
      "This key's images for today were used up; resets at 00:00 Beijing time.",
    );

    // Three charts, drawn: bars of the "high" colour, the darkest heatmap cell, limit errors.
    expect(await waitForPixels(page, "chart-daily", [0x25, 0x41, 0xb2])).toBeGreaterThan(400);
    expect(await waitForPixels(page, "chart-breakdown", [0x25, 0x41, 0xb2])).toBeGreaterThan(400);
    expect(await waitForPixels(page, "chart-errors", [0xe0, 0x8a, 0x00], 200)).toBeGreaterThan(200);
    // The cost view of the same trend is drawn too.
    await page.getByTestId("chart-daily").getByRole("button", { name: "Cost" }).click();
    await page.waitForTimeout(400);
    expect(await waitForPixels(page, "chart-daily", [0x25, 0x41, 0xb2])).toBeGreaterThan(400);
    // Hover today's bar: the tooltip lists the stack in dollars.
    const box = (await page.getByTestId("chart-daily").locator("canvas").first().boundingBox())!;
    await page.mouse.move(box.x + box.width - 30, box.y + box.height - 60);
    await page.waitForTimeout(300);
    await page.getByTestId("chart-daily").screenshot({ path: path.join(SHOTS, "usage-1440-en-daily-cost.png") });
    await page.getByTestId("chart-daily").getByRole("button", { name: "Images" }).click();

    // Call list: 50 newest, then the remaining 7 through the cursor.
    const list = page.getByTestId("call-list");
    await list.locator("tbody tr").first().waitFor();
    expect(await list.locator("tbody tr").count()).toBe(50);
    expect(await list.locator("thead").innerText()).toContain("Time (UTC+8)");
    await page.getByTestId("load-more").click();
    await expect.poll(() => list.locator("tbody tr").count()).toBe(57);
    expect(await page.getByTestId("calls-count").innerText()).toBe("All 57 matching calls shown.");
    await expect.poll(() => page.getByTestId("load-more").count()).toBe(0);
    const ids = await list.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-request-id")));
    expect(new Set(ids).size).toBe(57);
    expect(ids).not.toContain("old_00");

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, "usage-1440-en.png"), fullPage: true });

    // Detail of a call where the unit price beat the floor, and one where the floor won.
    await list.locator('tr[data-request-id="t_high_03"]').click();
    const drawer = page.getByTestId("call-detail");
    await drawer.waitFor();
    expect(await drawer.getByTestId("cost-formula").innerText()).toBe("4 images × max($0.2110, $0.0800 floor) = $0.8440");
    expect(await drawer.getByTestId("cost-rule").innerText()).toBe("unit price");
    expect(await drawer.getByTestId("detail-request-id").innerText()).toBe("t_high_03");
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });
    await list.locator('tr[data-request-id="t_med_07"]').click();
    expect(await drawer.getByTestId("cost-formula").innerText()).toBe("3 images × max($0.0410, $0.0800 floor) = $0.2400");
    expect(await drawer.getByTestId("cost-rule").innerText()).toBe("floor applied");
    expect(await drawer.innerText()).toContain("1536x1024");
    await page.screenshot({ path: path.join(SHOTS, "usage-1440-en-detail.png") });
    await drawer.getByRole("button", { name: "Close" }).click();
    await list.locator('tr[data-request-id="t_fail_cap"]').click();
    expect(await drawer.getByTestId("cost-formula").innerText()).toBe("not billed: $0.0000");
    expect(await drawer.getByTestId("cost-rule").innerText()).toBe("not billed");
    expect(await drawer.innerText()).toContain("image_daily_limit");
    await page.keyboard.press("Escape");

    // Filters: failed calls only, then one error code.
    await list.getByLabel("Status").selectOption("failed");
    await expect.poll(() => list.locator("tbody tr").count()).toBe(5);
    await list.getByLabel("Error code").selectOption("image_provider_unavailable");
    await expect.poll(() => list.locator("tbody tr").count()).toBe(2);
    await list.getByRole("button", { name: "Reset filters" }).click();
    await expect.poll(() => list.locator("tbody tr").count()).toBe(50);

    // The CSV of the whole range: every call, totals equal to the cards.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-download").click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    const header = lines[0]!.split(",");
    expect(header[0]).toBe("time (Asia/Shanghai UTC+8)");
    const body = lines.slice(1).map((l) => l.split(","));
    expect(body).toHaveLength(57);
    const billed = header.indexOf("billed_micros");
    const code = header.indexOf("error_code");
    const micros = body.reduce((s, r) => s + Number(r[billed]), 0);
    expect(micros).toBe(14_620_000);
    expect(body.filter((r) => r[code] !== "")).toHaveLength(5);
    expect(download.suggestedFilename()).toMatch(/^imgledger-web-prod-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(await page.getByTestId("csv-status").innerText()).toBe("Downloaded 57 calls");

    // Chinese, remembered across a reload.
    await page.locator('[data-locale="zh"]').click();
    await page.getByRole("heading", { name: "用量", level: 1 }).waitFor();
    expect(await page.getByTestId("card-images").innerText()).toContain("今日图片");
    expect(await page.getByTestId("next-limit").innerText()).toBe("每日图片数会最先用完（剩余 27 / 100）。");
    expect(await page.getByTestId("breakdown-table").innerText()).toContain("高");
    expect(await page.title()).toBe("用量 · imgledger");
    await waitForPixels(page, "chart-daily", [0x25, 0x41, 0xb2]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, "usage-1440-zh.png"), fullPage: true });

    // Every request the page sent: the token in a header, the key nowhere.
    const token = tokenForKey(rawKey);
    const api = sent.filter((s) => s.url.includes("/qcode-img/api/usage/"));
    expect(api.length).toBeGreaterThanOrEqual(6);
    expect(api.filter((s) => s.headers.authorization === `Bearer ${token}`).length).toBeGreaterThanOrEqual(5);
    assertKeyNeverSent(sent, rawKey);
    await page.context().close();
  });

  it("remembers the key only when asked, forgets it, and is usable at 390 px in both languages", async () => {
    const sent: Sent[] = [];
    const page = await openPage(390, sent);
    await enterKey(page, rawKey, true);
    await page.getByTestId("card-images-value").waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem("imgledger.apiKey"))).toBe(rawKey);

    // A reload finds the remembered key; nothing on the page overflows sideways.
    await page.reload();
    expect(await page.getByTestId("card-images-value").innerText()).toBe("73 / 100");
    await waitForPixels(page, "chart-daily", [0x25, 0x41, 0xb2]);
    await waitForPixels(page, "chart-breakdown", [0x25, 0x41, 0xb2]);
    await waitForPixels(page, "chart-errors", [0xe0, 0x8a, 0x00], 200);
    await page.getByTestId("call-list").locator("tbody tr").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, "usage-390-en.png"), fullPage: true });

    await page.locator('[data-locale="zh"]').click();
    await page.getByRole("heading", { name: "用量", level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, "usage-390-zh.png"), fullPage: true });
    await page.getByTestId("call-list").locator('tr[data-request-id="t_high_01"]').click();
    expect(await page.getByTestId("cost-formula").innerText()).toBe("4 张 × max($0.2110, $0.0800 最低价) = $0.8440");
    expect(await page.getByTestId("cost-rule").innerText()).toBe("按单价计费");
    await page.screenshot({ path: path.join(SHOTS, "usage-390-zh-detail.png") });
    await page.keyboard.press("Escape");

    // The language choice survives a reload; "forget" clears memory and storage.
    await page.reload();
    await page.getByRole("heading", { name: "用量", level: 1 }).waitFor();
    await page.getByRole("button", { name: "忘记密钥" }).first().click();
    await page.getByLabel("API 密钥", { exact: true }).waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem("imgledger.apiKey"))).toBeNull();
    await page.reload();
    await page.getByLabel("API 密钥", { exact: true }).waitFor();
    expect(await page.getByTestId("usage-body").count()).toBe(0);

    assertKeyNeverSent(sent, rawKey);
    await page.context().close();
  });

  it("shows a disabled key with no calls: its status, no limits, empty states instead of blank charts", async () => {
    const sent: Sent[] = [];
    const page = await openPage(1440, sent);
    await enterKey(page, disabledKey);
    await page.getByTestId("card-images-value").waitFor();
    const banner = page.getByTestId("key-banner");
    expect(await banner.innerText()).toContain("Every new call of this key is refused");
    expect(await banner.innerText()).toContain("The key is disabled, since 2026-11-20 10:00 UTC+8 (calls answer 401 invalid_api_key).");
    expect(await banner.innerText()).toContain("What to do: ask support to re-enable the key or to issue a new one.");
    expect(await page.getByTestId("key-status").innerText()).toBe("disabled");
    expect(await page.getByTestId("card-images-value").innerText()).toBe("0 / 100");
    expect(await page.getByTestId("card-daily-cost-value").innerText()).toBe("$0.0000");
    expect(await page.getByTestId("card-daily-cost").innerText()).toContain("no limit");
    expect(await page.getByTestId("card-total-cost").innerText()).toContain("no limit");
    expect(await page.getByTestId("card-images").getAttribute("class")).not.toContain("binding");
    expect(await page.getByTestId("total-calls").innerText()).toBe("0");
    expect(await page.getByTestId("failed-by-code").innerText()).toBe("No failed calls");
    await page.getByTestId("chart-daily").getByText("No calls in this range.").waitFor();
    await page.getByTestId("chart-breakdown").getByText("No billed image calls in this range.").waitFor();
    await page.getByTestId("chart-errors").getByText("No failed calls in this range.").waitFor();
    expect(await page.locator("canvas").count()).toBe(0);
    await page.getByText("No calls match these filters.").waitFor();

    // The countdown is live.
    const before = await page.getByTestId("reset-countdown").innerText();
    await page.waitForTimeout(1_300);
    expect(await page.getByTestId("reset-countdown").innerText()).not.toBe(before);
    await page.screenshot({ path: path.join(SHOTS, "usage-1440-en-empty-disabled.png"), fullPage: true });

    await page.getByRole("button", { name: "Change key" }).click();
    await enterKey(page, expiredKey);
    await page.getByText("The key expired on 2026-01-03 00:00 UTC+8 (calls answer 401 key_expired).").waitFor();
    expect(await page.getByTestId("key-status").innerText()).toBe("expired");
    assertKeyNeverSent(sent, disabledKey);
    assertKeyNeverSent(sent, expiredKey);
    await page.context().close();
  });

  it("says when it is rate limited, and when the service cannot be reached", async () => {
    // A server of its own that allows two usage requests a minute: the overview and the first page.
    const strict = await startAppServer(t.url, { USAGE_RATE_LIMIT_PER_MIN: "2" });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-US" });
    const page = await context.newPage();
    try {
      await page.goto(`${strict.baseUrl}/qcode-img/usage`);
      await enterKey(page, rawKey);
      await page.getByTestId("card-images-value").waitFor();
      await page.getByTestId("call-list").locator("tbody tr").first().waitFor();
      await page.getByTestId("refresh").click();
      const notice = page.getByTestId("overview-error");
      await notice.waitFor();
      expect(await notice.innerText()).toMatch(/Too many requests from your address\. Retrying in \d+ s\./);
      expect(await notice.getByRole("button", { name: "Try again" }).isDisabled()).toBe(true);
      // What was already on screen stays there under the notice.
      expect(await page.getByTestId("card-images-value").innerText()).toBe("73 / 100");
      await page.screenshot({ path: path.join(SHOTS, "usage-1440-en-rate-limited.png") });

      // The server goes away: the page says so instead of spinning.
      await strict.stop();
      await page.getByRole("button", { name: "Forget key" }).first().click();
      await enterKey(page, rawKey);
      await notice.waitFor();
      expect(await notice.innerText()).toContain("The usage service could not be reached. Check your connection.");
      expect(await page.getByTestId("usage-body").count()).toBe(0);
    } finally {
      await context.close();
      await strict.stop();
    }
  });

  it("fixture sanity: today is the day the fixture was built for", () => {
    expect(billingDay(new Date())).toBe(today);
  });
});
