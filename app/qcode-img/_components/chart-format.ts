import { formatUsd } from "@/lib/pricing/format";

/** Value formatting inside charts. Client-safe. Chart values in dollars are display-only floats. */
export type ChartUnit = "count" | "usd";

/** Labels and tooltips: amounts go back to micro-dollars and through the one money formatter. */
export function formatChartValue(v: number, unit: ChartUnit): string {
  if (unit === "count") return v.toLocaleString("en-US");
  return formatUsd(Math.round(v * 1_000_000));
}

export function formatAxisValue(v: number, unit: ChartUnit): string {
  if (unit === "count") return v.toLocaleString("en-US");
  if (v === 0 || Number.isInteger(v)) return `$${v.toLocaleString("en-US")}`;
  return v >= 100 ? `$${v.toFixed(0)}` : v >= 1 ? `$${v.toFixed(1)}` : `$${v.toFixed(2)}`;
}

/** Palette shared by the charts: qualities light → dark, error groups warm (limits) vs red (service). */
export const QUALITY_COLORS: Record<string, string> = { low: "#9db4f5", medium: "#5b7fee", high: "#2541b2" };
export const CHAT_COLOR = "#2fa37a";
export const ERROR_GROUP_COLORS: Record<string, string[]> = {
  limits: ["#e08a00", "#f2b44f", "#b86f00", "#f7cf8a"],
  service: ["#c0262d", "#e5646a", "#8f1b20", "#f1a1a4"],
  request: ["#6b7280", "#9ca3af", "#4b5563", "#c4c8cf"],
};
