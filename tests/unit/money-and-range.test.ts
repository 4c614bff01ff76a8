import { describe, expect, it } from "vitest";
import { formatCnyApprox, formatUsd, roundMicros, usdDecimal } from "@/lib/pricing/format";
import { earliestDay, parseDayRange } from "@/lib/usage/range";
import { blockingLimit } from "@/lib/usage/today";
import { errorGroup, type Today } from "@/lib/usage/types";
import { AppError } from "@/lib/errors";

describe("the one money rule", () => {
  it("shows four decimals, rounded half away from zero, with thousands separators", () => {
    expect(formatUsd(0)).toBe("$0.0000");
    expect(formatUsd(285_000)).toBe("$0.2850");
    expect(formatUsd(71_445_000)).toBe("$71.4450");
    expect(formatUsd(1_663_450_000)).toBe("$1,663.4500");
    expect(formatUsd(9_400)).toBe("$0.0094");
    expect(formatUsd(12_345)).toBe("$0.0123");
    expect(formatUsd(12_350)).toBe("$0.0124");
    expect(formatUsd(-12_350)).toBe("-$0.0124");
    expect(roundMicros(49)).toBe(0);
    expect(usdDecimal(160_000)).toBe("0.1600");
  });
  it("gives the same figure for a sum wherever it is shown (float chart values included)", () => {
    const cells = [211_000, 165_000, 80_000, 285_000];
    const total = cells.reduce((a, b) => a + b, 0);
    const asFloat = cells.map((c) => c / 1e6).reduce((a, b) => a + b, 0);
    expect(formatUsd(Math.round(asFloat * 1e6))).toBe(formatUsd(total));
  });
  it("converts to CNY at the display rate, marked approximate", () => {
    expect(formatCnyApprox(1_000_000, 7.2)).toBe("≈ ¥7.20");
    expect(formatCnyApprox(1_663_450_000, 7.2)).toBe("≈ ¥11,976.84");
  });
});

describe("parseDayRange", () => {
  const b = { today: "2026-11-29", firstDay: "2026-01-10" };
  const q = (s: string) => new URLSearchParams(s);
  const err = (s: string, bounds = b) => {
    try {
      parseDayRange(q(s), bounds);
    } catch (e) {
      return { param: (e as AppError).param, message: (e as AppError).message, status: (e as AppError).status };
    }
    throw new Error("no error");
  };
  it("defaults to the last 30 days and reads days=n", () => {
    expect(parseDayRange(q(""), b)).toEqual({ from: "2026-10-31", to: "2026-11-29" });
    expect(parseDayRange(q("days=7"), b)).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(parseDayRange(q("from=2026-11-01&to=2026-11-03"), b)).toEqual({ from: "2026-11-01", to: "2026-11-03" });
  });
  it("refuses inverted, future, malformed and too-long ranges with a 400 naming the field", () => {
    expect(err("from=2026-11-05&to=2026-11-03")).toMatchObject({ status: 400, param: "from" });
    expect(err("to=2026-11-30")).toMatchObject({ status: 400, param: "to" });
    expect(err("from=2026-13-01")).toMatchObject({ status: 400, param: "from" });
    expect(err("from=2016-11-29")).toMatchObject({ status: 400, param: "from" });
    expect(err("days=401")).toMatchObject({ status: 400, param: "days" });
    expect(err("days=7&from=2026-11-01")).toMatchObject({ status: 400, param: "days" });
  });
  it("reaches back to the key's first call when it is older than 400 days", () => {
    const old = { today: "2026-11-29", firstDay: "2024-06-01" };
    expect(earliestDay(old)).toBe("2024-06-01");
    expect(parseDayRange(q("from=2024-06-01&to=2026-11-29"), old).from).toBe("2024-06-01");
    expect(err("from=2024-05-31", old)).toMatchObject({ param: "from" });
    expect(earliestDay(b)).toBe("2025-10-26");
  });
});

describe("what stops a key", () => {
  const base: Today = {
    day: "2026-11-24", nextResetAt: "", imagesUsed: 0, imagesReserved: 0, dailyImageCap: 100, inFlight: 0,
    concurrencyCap: 2, costTodayMicros: 0, dailyCostLimitMicros: null, totalCostMicros: 0,
    totalCostLimitMicros: null, temporaryUntil: null, binding: null, blockedBy: null, blockedSince: null, disabledSince: null,
  };
  it("names the limit that refuses every call, never concurrency", () => {
    expect(blockingLimit(base)).toBeNull();
    expect(blockingLimit({ ...base, imagesUsed: 99, imagesReserved: 1 })).toBe("daily_images");
    expect(blockingLimit({ ...base, costTodayMicros: 5_000_000, dailyCostLimitMicros: 5_000_000 })).toBe("daily_cost");
    expect(blockingLimit({ ...base, totalCostMicros: 10, totalCostLimitMicros: 10 })).toBe("total_cost");
    expect(blockingLimit({ ...base, inFlight: 2 })).toBeNull();
  });
  it("files client_closed under its own group", () => {
    expect(errorGroup("client_closed")).toBe("closed");
    expect(errorGroup("crs_daily_exhausted")).toBe("limits");
    expect(errorGroup("unsupported_size")).toBe("request");
  });
});
