import { describe, expect, it } from "vitest";
import { formatChartValue } from "@/app/qcode-img/_components/chart-format";
import { formatCnyApprox, formatUsd } from "@/lib/pricing/format";

describe("one money formatter", () => {
  it("one rule, four decimals rounded half away from zero in integers: the table, the chart label and the tooltip agree", () => {
    // Rounded on the integer micro-USD, never on a float: the same amount reads the same everywhere.
    expect(formatUsd(65_834_950)).toBe("$65.8350");
    expect(formatChartValue(65_834_950 / 1_000_000, "usd")).toBe("$65.8350");
    expect(formatUsd(65_834_949)).toBe("$65.8349");
    expect(formatUsd(65_835_000)).toBe("$65.8350");
    expect(formatUsd(1_234_560_000)).toBe("$1,234.5600");
    expect(formatUsd(0)).toBe("$0.0000");
    expect(formatUsd(80_000)).toBe("$0.0800");
    expect(formatUsd(211_000)).toBe("$0.2110");
    expect(formatUsd(12_345)).toBe("$0.0123");
    expect(formatUsd(999_999)).toBe("$1.0000");
    expect(formatUsd(-1_000_050)).toBe("-$1.0001");
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
