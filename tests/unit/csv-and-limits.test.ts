import { describe, expect, it } from "vitest";
import { RequestLimiter } from "@/lib/api/rate-limit";
import { beijingTimestamp, csvCell, csvLine, csvRow } from "@/lib/usage/csv";
import { bindingLimit } from "@/lib/usage/today";
import type { CallView, Today } from "@/lib/usage/types";

const call: CallView = {
  requestId: "req_1", createdAt: "2026-11-24T15:59:59.123Z", billingDay: "2026-11-24", kind: "image",
  model: "gpt-image-2", size: "1024x1024", quality: "low", n: 2, imagesDelivered: 2, httpStatus: 200,
  errorCode: null, costMicros: 160_000, unitPriceMicros: 12_000, floorMicros: 80_000, priceVersion: 1,
  floorApplied: true, latencyMs: 31_000, region: "hk", promptPreview: null, inputTokens: null,
  outputTokens: null, keyDisplay: "cr_AbCd…wxyz", demoEngine: false, keyAlias: "prod",
};

describe("CSV", () => {
  it("writes Beijing time with its offset", () => {
    expect(beijingTimestamp("2026-11-24T15:59:59.123Z")).toBe("2026-11-24 23:59:59.123+08:00");
    expect(beijingTimestamp("2026-11-24T16:00:00.000Z")).toBe("2026-11-25 00:00:00.000+08:00");
  });
  it("writes exact micro-USD, dollars by the page's rule, the floor flag and the engine", () => {
    expect(csvRow(call)).toBe(
      "2026-11-24 23:59:59.123+08:00,cr_AbCd…wxyz,image,gpt-image-2,1024x1024,low,2,2,12000,0.0120,yes,160000,0.1600,200,,31000,req_1,",
    );
    expect(csvRow({ ...call, demoEngine: true }).endsWith(",req_1,demo")).toBe(true);
  });
  it("neutralises every text cell a spreadsheet would run (OWASP): = + - @ tab CR, also after spaces", () => {
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell("\tTAB")).toBe("'\tTAB");
    expect(csvCell("\rCR")).toBe(`"'\rCR"`);
    expect(csvCell(" =1+1")).toBe("' =1+1");
    expect(csvCell("   @SUM(A1)")).toBe("'   @SUM(A1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    // Harmless text and the numbers the app writes stay as they are.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("req_-1")).toBe("req_-1");
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["=1", 2, "x,y", undefined])).toBe(`'=1,2,"x,y",`);
  });
  it("quotes commas and neutralises spreadsheet formulas", () => {
    const row = csvRow({ ...call, model: "=HYPERLINK(\"x\",\"y\")", requestId: "a,b" });
    expect(row).toContain(`"'=HYPERLINK(""x"",""y"")"`);
    expect(row).toContain(`,"a,b",`);
  });
});

describe("RequestLimiter", () => {
  it("allows the limit per window per client, then says how long to wait", async () => {
    const rl = new RequestLimiter({ points: 2, durationS: 60 }, "unit-a");
    expect(await rl.take("a")).toBeNull();
    expect(await rl.take("a")).toBeNull();
    expect(await rl.take("a")).toBe(60);
    expect(await rl.take("b")).toBeNull();
  });
  it("a burst pool lets a client exceed the steady rate once, then waits for the steady window", async () => {
    const rl = new RequestLimiter({ points: 1, durationS: 1, burstPoints: 2, burstDurationS: 10 }, "unit-b");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await rl.take("a"));
    expect(answers).toEqual([null, null, null, 1]);
  });
  it("a client refused again before its wait is over gets the answer at once, without asking the library", async () => {
    const rl = new RequestLimiter({ points: 1, durationS: 60 }, "unit-c");
    expect(await rl.take("a")).toBeNull();
    expect(await rl.take("a")).toBe(60);
    // Synchronous: a number, not a promise (what keeps a flood's refusals cheap).
    expect(rl.take("a")).toBe(60);
    expect(rl.take("a", Date.now() + 30_500)).toBe(30);
    // Once the wait is over, the library decides again.
    expect(rl.take("a", Date.now() + 61_000)).toBeInstanceOf(Promise);
    expect(rl.take("b")).toBeInstanceOf(Promise);
  });
});

describe("bindingLimit", () => {
  const base: Today = {
    day: "2026-11-24", nextResetAt: "", imagesUsed: 0, imagesReserved: 0, dailyImageCap: 100, inFlight: 0,
    concurrencyCap: 2, costTodayMicros: 0, dailyCostLimitMicros: null, totalCostMicros: 0,
    totalCostLimitMicros: null, temporaryUntil: null, binding: null, blockedBy: null, blockedSince: null, disabledSince: null,
  };
  it("is null for an idle key and picks the highest ratio", () => {
    expect(bindingLimit(base)).toBeNull();
    expect(bindingLimit({ ...base, imagesUsed: 93 })).toBe("daily_images");
    expect(bindingLimit({ ...base, imagesUsed: 93, inFlight: 2 })).toBe("concurrency");
    expect(bindingLimit({ ...base, imagesUsed: 50, costTodayMicros: 900_000, dailyCostLimitMicros: 1_000_000 })).toBe("daily_cost");
  });
  it("counts reserved images against the cap", () => {
    expect(bindingLimit({ ...base, imagesUsed: 40, imagesReserved: 30, costTodayMicros: 600, dailyCostLimitMicros: 1000 })).toBe("daily_images");
  });
});
