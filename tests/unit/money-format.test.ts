import { describe, expect, it } from "vitest";
import { formatChartValue } from "@/app/qcode-img/_components/chart-format";
import { formatCnyApprox, formatUsd } from "@/lib/pricing/format";

describe("one money formatter", () => {
  it("rounds half up in integers: the table, the chart label and the tooltip agree", () => {
    // 65.835 is 65.834999… as a float: toFixed(2) read $65.83 while the table read $65.84.
    expect(formatUsd(65_835_000)).toBe("$65.84");
    expect(formatChartValue(65_835_000 / 1_000_000, "usd")).toBe("$65.84");
    expect(formatUsd(65_834_999)).toBe("$65.83");
    expect(formatUsd(1_234_560_000)).toBe("$1,234.56");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(80_000)).toBe("$0.08");
    expect(formatUsd(211_000)).toBe("$0.211");
    expect(formatUsd(12_345)).toBe("$0.0123");
    expect(formatUsd(999_999)).toBe("$1.00");
    expect(formatUsd(-1_005_000)).toBe("-$1.01");
  });

  it("≈ ¥ at the configured rate, to the fen", () => {
    expect(formatCnyApprox(757_000, 7.2)).toBe("≈ ¥5.45");
    expect(formatCnyApprox(1_000_000, 7.2)).toBe("≈ ¥7.20");
    expect(formatCnyApprox(1_234_567_890_000, 7.2)).toBe("≈ ¥8,888,888.81");
    expect(formatCnyApprox(0, 6.9)).toBe("≈ ¥0.00");
    // Half a fen exactly rounds up.
    expect(formatCnyApprox(6_250, 0.8)).toBe("≈ ¥0.01");
  });
});
