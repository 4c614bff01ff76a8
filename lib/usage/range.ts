import "server-only";
import { z } from "zod";
import { invalidRequest } from "@/lib/errors";
import { addDays, isDay } from "@/lib/time/billing-day";
import type { DayRange } from "./scope";
import { monthRange } from "./statements";
import { RANGE_PRESETS, type RangePreset } from "./types";
import { dayCount } from "./summary";

/** The longest range the signed-in pages and APIs read (inclusive Beijing days). */
export const MAX_RANGE_DAYS = 400;
/** Ranges of this many days or fewer are shown hour by hour. */
export const HOURLY_MAX_DAYS = 2;
export const DEFAULT_RANGE_DAYS = 30;

const day = z.string().refine(isDay, "must be a day as YYYY-MM-DD");
const rangeSchema = z.object({ from: day.optional(), to: day.optional() });

/**
 * `from`/`to` of a query string: inclusive billing days, the last 30 by default, at most 400 days
 * and never after today. A bad value is a 400 naming the field.
 */
export function parseDayRange(params: URLSearchParams, today: string): DayRange {
  const parsed = rangeSchema.safeParse({ from: params.get("from") || undefined, to: params.get("to") || undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "query");
    throw invalidRequest(`Invalid ${field}: ${issue.message}`, field);
  }
  const to = parsed.data.to ?? today;
  const from = parsed.data.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (to > today) throw invalidRequest(`Invalid to: must be on or before ${today}`, "to");
  if (from > to) throw invalidRequest("Invalid from: must not be after to", "from");
  const range = { from, to };
  if (dayCount(range) > MAX_RANGE_DAYS) {
    throw invalidRequest(`Invalid from: a range covers at most ${MAX_RANGE_DAYS} days`, "from");
  }
  return range;
}

/** The range, or the default one when the query string is not valid (pages show a notice instead of failing). */
export function dayRangeOrDefault(params: URLSearchParams, today: string): { range: DayRange; invalid: string | null } {
  try {
    return { range: parseDayRange(params, today), invalid: null };
  } catch (err) {
    const param = (err as { param?: string }).param ?? "from";
    return { range: { from: addDays(today, -(DEFAULT_RANGE_DAYS - 1)), to: today }, invalid: param };
  }
}

export function isHourly(range: DayRange): boolean {
  return dayCount(range) <= HOURLY_MAX_DAYS;
}

/** The days a preset covers on `today`: 7/30/90 days ending today, this Beijing month so far, or last month. */
export function presetRange(preset: Exclude<RangePreset, "custom">, today: string): DayRange {
  switch (preset) {
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "30d":
      return { from: addDays(today, -29), to: today };
    case "90d":
      return { from: addDays(today, -89), to: today };
    case "month":
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case "last-month":
      return monthRange(addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7));
  }
}

/**
 * The dashboard page's range from its URL: `range=<preset>`, or `from`/`to` (custom). A bad URL
 * falls back to the last 30 days and says which field was wrong, rather than failing the page.
 */
export function resolvePageRange(
  query: { range?: string; from?: string; to?: string },
  today: string,
): { range: DayRange; preset: RangePreset; invalid: string | null } {
  const preset = (RANGE_PRESETS as readonly string[]).includes(query.range ?? "") ? (query.range as RangePreset) : null;
  if (preset && preset !== "custom") return { range: presetRange(preset, today), preset, invalid: null };
  if (!query.from && !query.to) return { range: presetRange("30d", today), preset: "30d", invalid: query.range && !preset ? "range" : null };
  const params = new URLSearchParams();
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  const { range, invalid } = dayRangeOrDefault(params, today);
  return { range, preset: invalid ? "30d" : "custom", invalid };
}
