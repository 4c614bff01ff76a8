"use client";
import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { addDays, isDay } from "@/lib/time/billing-day";

/** The usage range: a preset of the last n days, or custom inclusive Beijing days. Client-safe. */
export const RANGE_PRESETS = ["7", "30", "90", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type UsageRange = { preset: RangePreset; from: string | null; to: string | null };

const parsers = {
  range: parseAsStringLiteral(RANGE_PRESETS).withDefault("30"),
  from: parseAsString,
  to: parseAsString,
};

/** The range in the page's URL (`?range=90`, `?range=custom&from=…&to=…`): shareable, never a credential. */
export function useUrlRange(): [UsageRange, (r: UsageRange) => void] {
  const [q, setQ] = useQueryStates(parsers, { history: "push" });
  const range: UsageRange = { preset: q.range, from: q.from, to: q.to };
  const set = (r: UsageRange) =>
    void setQ(r.preset === "custom" ? { range: "custom", from: r.from, to: r.to } : { range: r.preset === "30" ? null : r.preset, from: null, to: null });
  return [range, set];
}

/**
 * The usage API's query for a range. Presets send `days` so the server's clock decides what
 * "today" is; a custom range with a bad or missing day falls back to the default.
 */
export function rangeQuery(r: UsageRange): string {
  if (r.preset === "custom" && r.from && r.to && isDay(r.from) && isDay(r.to)) return `from=${r.from}&to=${r.to}`;
  return `days=${r.preset === "custom" ? "30" : r.preset}`;
}

/** The earliest day a custom range may start: the key's first call, or 400 days back if later. */
export function earliestRangeDay(today: string, firstCallDay: string | null | undefined): string {
  const byCap = addDays(today, -399);
  return firstCallDay && firstCallDay < byCap ? firstCallDay : byCap;
}
