import "server-only";
import { and, eq, min } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { usageDaily } from "@/db/schema";
import { invalidRequest } from "@/lib/errors";
import { addDays, billingDay, isDay } from "@/lib/time/billing-day";
import type { DayRange, UsageScope } from "./scope";
import { monthRange } from "./statements";
import { dayCount } from "./summary";
import { RANGE_PRESETS, type RangePreset } from "./types";

/** The range every usage endpoint answers when none is asked for: the last 30 billing days. */
export const DEFAULT_RANGE_DAYS = 30;
/** The longest range anyone may ask for, unless the scope's own history is longer. */
export const MAX_RANGE_DAYS = 400;
/** Ranges of this many days or fewer are shown hour by hour (signed-in pages). */
export const HOURLY_MAX_DAYS = 2;

const day = z.string().refine(isDay, "must be a day as YYYY-MM-DD");
const rangeSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  /** The last n billing days by the server's clock (what the page's 7 / 30 / 90 buttons send). */
  days: z.coerce.number().int("must be a whole number of days").min(1, "must be at least 1").max(MAX_RANGE_DAYS, `must be at most ${MAX_RANGE_DAYS}`).optional(),
});

export type RangeBounds = {
  /** Today's billing day. */
  today: string;
  /** Billing day of the scope's first recorded call, or null when it has none (or is not asked). */
  firstDay: string | null;
};

/** The earliest `from` accepted: 400 days back, or further when the first call is older. */
export function earliestDay(b: RangeBounds): string {
  const byCap = addDays(b.today, -(MAX_RANGE_DAYS - 1));
  return b.firstDay !== null && b.firstDay < byCap ? b.firstDay : byCap;
}

/** True when `range` is short enough to be shown hour by hour. */
export function isHourly(range: DayRange): boolean {
  return dayCount(range) <= HOURLY_MAX_DAYS;
}

/**
 * The one reader of `from` / `to` (inclusive Beijing billing days) for every usage endpoint:
 * summary, overview, daily, breakdown, errors, calls and the CSV. A bad value is a 400 naming the
 * field; an absent one defaults to the last 30 days. `days=n` asks for the last n days.
 */
export function parseDayRange(params: URLSearchParams, b: RangeBounds): DayRange {
  const raw = { from: params.get("from") || undefined, to: params.get("to") || undefined, days: params.get("days") || undefined };
  const parsed = rangeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "from");
    throw invalidRequest(`Invalid ${field}: ${issue.message}`, field);
  }
  const { days } = parsed.data;
  if (days !== undefined && (parsed.data.from || parsed.data.to)) {
    throw invalidRequest("Invalid days: send either days or from/to, not both", "days");
  }
  const to = parsed.data.to ?? b.today;
  const from = parsed.data.from ?? addDays(to > b.today ? b.today : to, -((days ?? DEFAULT_RANGE_DAYS) - 1));
  const earliest = earliestDay(b);
  if (to > b.today) throw invalidRequest(`Invalid to: must be on or before ${b.today} (today, Beijing time)`, "to");
  if (from > to) throw invalidRequest(`Invalid from: must not be after to (${to})`, "from");
  if (from < earliest) {
    throw invalidRequest(
      `Invalid from: must be on or after ${earliest} (at most ${MAX_RANGE_DAYS} days back, or the key's first call)`,
      "from",
    );
  }
  return { from, to };
}

/** Billing day of the first call in the scope (from the rollup, so it costs one index probe). */
export async function firstCallDay(db: DbOrTx, scope: UsageScope): Promise<string | null> {
  const [row] = await db
    .select({ day: min(usageDaily.day) })
    .from(usageDaily)
    .where(and(eq(usageDaily.accountId, scope.accountId), scope.keyId === undefined ? undefined : eq(usageDaily.keyId, scope.keyId)));
  return row?.day ?? null;
}

/** The validated range of a request, with the bounds it was checked against. */
export async function requestRange(
  db: DbOrTx,
  scope: UsageScope,
  params: URLSearchParams,
  now: Date,
): Promise<DayRange & { bounds: RangeBounds }> {
  const bounds = { today: billingDay(now), firstDay: await firstCallDay(db, scope) };
  return { ...parseDayRange(params, bounds), bounds };
}

/** The range, or the default one when the query string is not valid (pages show a notice instead of failing). */
export function dayRangeOrDefault(params: URLSearchParams, b: RangeBounds): { range: DayRange; invalid: string | null } {
  try {
    return { range: parseDayRange(params, b), invalid: null };
  } catch (err) {
    const param = (err as { param?: string }).param ?? "from";
    return { range: { from: addDays(b.today, -(DEFAULT_RANGE_DAYS - 1)), to: b.today }, invalid: param };
  }
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
  b: RangeBounds,
): { range: DayRange; preset: RangePreset; invalid: string | null } {
  const preset = (RANGE_PRESETS as readonly string[]).includes(query.range ?? "") ? (query.range as RangePreset) : null;
  if (preset && preset !== "custom") return { range: presetRange(preset, b.today), preset, invalid: null };
  if (!query.from && !query.to) return { range: presetRange("30d", b.today), preset: "30d", invalid: query.range && !preset ? "range" : null };
  const params = new URLSearchParams();
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  const { range, invalid } = dayRangeOrDefault(params, b);
  return { range, preset: invalid ? "30d" : "custom", invalid };
}
