import { describe, expect, it } from "vitest";
import { addDays, beijingWallClock, billingDay, billingDayStart, lastBillingDays, nextReset } from "@/lib/time/billing-day";

describe("billing day (Asia/Shanghai)", () => {
  it("23:59:59 Beijing time is still the same day", () => {
    // 2026-11-24 23:59:59 +08:00 = 2026-11-24T15:59:59Z
    expect(billingDay(new Date("2026-11-24T15:59:59Z"))).toBe("2026-11-24");
  });
  it("00:00:00 Beijing time starts the next day", () => {
    expect(billingDay(new Date("2026-11-24T16:00:00Z"))).toBe("2026-11-25");
  });
  it("a UTC evening is the next Beijing day", () => {
    expect(billingDay(new Date("2026-12-31T20:00:00Z"))).toBe("2027-01-01");
  });
  it("day start and next reset are Beijing midnights", () => {
    expect(billingDayStart("2026-11-25").toISOString()).toBe("2026-11-24T16:00:00.000Z");
    expect(nextReset(new Date("2026-11-24T15:59:59.999Z")).toISOString()).toBe("2026-11-24T16:00:00.000Z");
    expect(nextReset(new Date("2026-11-24T16:00:00Z")).toISOString()).toBe("2026-11-25T16:00:00.000Z");
  });
  it("walks days across month and leap-year ends", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(lastBillingDays(new Date("2026-11-24T16:30:00Z"), 3)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
  });
  it("gives the Beijing wall-clock time of an instant, for every place that shows one", () => {
    expect(beijingWallClock(new Date("2026-11-24T15:59:59.123Z"))).toBe("2026-11-24T23:59:59.123");
    expect(beijingWallClock("2026-11-24T16:00:00Z")).toBe("2026-11-25T00:00:00.000");
    expect(beijingWallClock("2026-11-25T00:00:00+08:00")).toBe("2026-11-25T00:00:00.000");
  });
  it("does not depend on the process time zone", () => {
    // The suite runs with TZ set to other zones in CI too (see package.json test:tz).
    const at = new Date("2026-06-30T16:00:00Z");
    expect(billingDay(at)).toBe("2026-07-01");
  });
});
