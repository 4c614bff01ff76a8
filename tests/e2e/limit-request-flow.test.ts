import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, limitChanges, limitRequests } from "@/db/schema";
import { launchChromium, signedInPage } from "../helpers/chromium";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { makeUser, type TestUser } from "../helpers/console";
import { createTestDb, type TestDb } from "../helpers/db";
import { TEST_AUTH_SECRET } from "../helpers/session";
import { buildUsageFixture } from "../helpers/usage-fixture";
import { SHOTS } from "./usage-page.support";

/**
 * The whole "please raise my limit" loop across both sides of the product: the customer asks on
 * the dashboard, support approves it in the console with a note, and the customer's dashboard
 * then shows the new cap and support's answer.
 */
const WAIT = { timeout: 20_000 };
const NOTE = "Raised to 500 for your launch: good luck on Friday";

let t: TestDb;
let app: AppServer;
let browser: Browser;
let support: TestUser;
let customer: TestUser;
let fx: Awaited<ReturnType<typeof buildUsageFixture>>;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  fx = await buildUsageFixture(t.db);
  support = await makeUser(t, "support");
  customer = await makeUser(t, "customer", fx.keyA.key.accountId);
  app = await startAppServer(t.url, { NEXTAUTH_SECRET: TEST_AUTH_SECRET });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.drop();
});

const as = (user: TestUser, width: number) => signedInPage(browser, app.baseUrl, user.cookie, width);

const flat = async (p: Promise<string>) => (await p).replace(/\s+/g, " ").trim();

describe("a limit request from the dashboard, decided in the console", () => {
  it("the customer asks, support approves with a note, the customer sees the new cap and the note", async () => {
    const key = fx.keyA.key;
    const errors: string[] = [];

    // 1. The customer asks for a daily cap of 500 on the dashboard.
    const cust = await as(customer, 1440);
    cust.page.on("pageerror", (e) => errors.push(String(e)));
    await cust.page.goto(`${app.baseUrl}/qcode-img/dashboard`);
    const keyRow = cust.page.locator(`[data-key-alias="${key.alias}"]`);
    await keyRow.waitFor(WAIT);
    await expect(flat(keyRow.locator("td").nth(3).innerText())).resolves.toMatch(/ \/ 100$/);
    await cust.page.getByTestId("req-key").selectOption(String(key.id));
    await cust.page.getByTestId("req-field").selectOption("dailyImageCap");
    await cust.page.getByTestId("req-value").fill("500");
    await cust.page.getByTestId("req-reason").fill("Product launch on Friday");
    await cust.page.getByTestId("req-submit").click();
    const reqRow = cust.page.getByTestId("requests-table").locator("tbody tr").first();
    await expect.poll(() => flat(reqRow.innerText()), WAIT).toContain("Daily image cap 500 pending Product launch on Friday");

    // 2. Support approves it in the console's queue, with a note for the customer.
    const staff = await as(support, 1440);
    staff.page.on("pageerror", (e) => errors.push(String(e)));
    await staff.page.goto(`${app.baseUrl}/qcode-img/admin/limit-requests`);
    const pending = staff.page.getByTestId("requests-table").locator("tbody tr").filter({ hasText: "Product launch on Friday" });
    await pending.waitFor(WAIT);
    await pending.getByLabel("Note to the customer").fill(NOTE);
    await staff.page.screenshot({ path: path.join(SHOTS, "flow-console-request-1440.png"), fullPage: true });
    await pending.getByRole("button", { name: "Approve" }).click();
    // The pending queue empties; the decision is listed under "approved" with its note.
    await expect.poll(() => pending.count(), WAIT).toBe(0);
    await staff.page.getByRole("button", { name: "Approved" }).click();
    const decided = staff.page.getByTestId("requests-table").locator("tbody tr").filter({ hasText: "Product launch on Friday" });
    await expect.poll(() => flat(decided.innerText()), WAIT).toContain(`Approved ${NOTE}`);
    await staff.page.screenshot({ path: path.join(SHOTS, "flow-console-approved-1440.png"), fullPage: true });

    const [stored] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(stored!.dailyImageCap).toBe(500);
    const [request] = await t.db.select().from(limitRequests).where(eq(limitRequests.keyId, key.id));
    expect([request!.status, request!.decisionNote, request!.decidedBy]).toEqual(["approved", NOTE, support.id]);
    const audit = await t.db.select().from(limitChanges).where(eq(limitChanges.keyId, key.id));
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue, a.limitRequestId, a.actorLabel])).toEqual([
      ["dailyImageCap", "100", "500", request!.id, support.email],
    ]);

    // 3. The customer reloads: the keys table shows the new cap, the request is approved with the note.
    await cust.page.reload();
    await keyRow.waitFor(WAIT);
    await expect.poll(() => flat(keyRow.locator("td").nth(3).innerText()), WAIT).toMatch(/ \/ 500$/);
    await expect.poll(() => flat(reqRow.innerText()), WAIT).toContain(`Daily image cap 500 approved Product launch on Friday ${NOTE}`);
    await cust.page.waitForTimeout(1000); // the charts' draw-in animation
    await cust.page.screenshot({ path: path.join(SHOTS, "flow-dashboard-approved-1440.png"), fullPage: true });

    // 4. The customer disables their other key: the key's history says who did it and why.
    const staging = fx.keyB.key;
    const stagingRow = cust.page.locator(`[data-key-alias="${staging.alias}"]`);
    await stagingRow.getByRole("button", { name: "Disable" }).click();
    await expect.poll(() => flat(stagingRow.innerText()), WAIT).toContain("disabled");
    await cust.page.goto(`${app.baseUrl}/qcode-img/dashboard/keys/${staging.id}`);
    const history = cust.page.getByTestId("limit-history").locator("tbody tr").first();
    await expect.poll(() => flat(history.innerText()), WAIT).toMatch(
      new RegExp(`Status active → disabled Permanent ${customer.email.replace(/[.]/g, "\\.")} Disabled by the account owner$`, "i"),
    );
    await cust.page.getByTestId("usage-body").waitFor(WAIT);
    await cust.page.waitForTimeout(1000); // the charts' draw-in animation
    await cust.page.getByTestId("limit-history").scrollIntoViewIfNeeded();
    await cust.page.screenshot({ path: path.join(SHOTS, "flow-dashboard-key-history-1440.png") });

    // The same answer reads on a phone, with nothing wider than the screen.
    for (const [who, url, file] of [
      [customer, "/qcode-img/dashboard", "flow-dashboard-approved-390.png"],
      [support, "/qcode-img/admin/limit-requests?status=approved", "flow-console-approved-390.png"],
    ] as const) {
      const phone = await as(who, 390);
      phone.page.on("pageerror", (e) => errors.push(String(e)));
      await phone.page.goto(`${app.baseUrl}${url}`);
      const row = phone.page.getByTestId("requests-table").locator("tbody tr").filter({ hasText: NOTE });
      await row.waitFor(WAIT);
      await expect(flat(row.innerText())).resolves.toMatch(/approved/i);
      // On a phone the answer is on screen, not behind a sideways scroll.
      const note = await row.getByText(NOTE).boundingBox();
      expect(note, url).not.toBeNull();
      expect(note!.x + note!.width, url).toBeLessThanOrEqual(390);
      await phone.page.waitForTimeout(1000);
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
      await phone.page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
      await phone.context.close();
    }
    expect(errors).toEqual([]);
    await cust.context.close();
    await staff.context.close();
  });
});
