/** Value formatting inside charts. Client-safe. Chart values in dollars are display-only floats. */
import { formatUsdFloat } from "@/lib/pricing/format";

export type ChartUnit = "count" | "usd";

/** Amounts go through the one money formatter, so a chart and its table show the same figure. */
export function formatChartValue(v: number, unit: ChartUnit): string {
  return unit === "count" ? v.toLocaleString("en-US") : formatUsdFloat(v);
}

/** Axis ticks are amounts too: the same rule, so no "$0" beside "$0.0000". */
export function formatAxisValue(v: number, unit: ChartUnit): string {
  return unit === "count" ? v.toLocaleString("en-US") : formatUsdFloat(v);
}

/** Palette shared by the charts: qualities light → dark, error groups warm (limits) vs red (service). */
export const QUALITY_COLORS: Record<string, string> = { low: "#9db4f5", medium: "#5b7fee", high: "#2541b2" };
export const CHAT_COLOR = "#2fa37a";
export const ERROR_GROUP_COLORS: Record<string, string[]> = {
  limits: ["#e08a00", "#f2b44f", "#b86f00", "#f7cf8a"],
  service: ["#c0262d", "#e5646a", "#8f1b20", "#f1a1a4"],
  request: ["#6b7280", "#9ca3af", "#4b5563", "#c4c8cf"],
  closed: ["#7c5cc4", "#a58be0", "#5b3f9e", "#c9b8ef"],
};
