import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { apiKeys, type ApiKey } from "@/db/schema";
import type { RouteParams } from "@/lib/api/route";
import { parseInput, queryOf } from "@/lib/api/parse-input";
import { invalidRequest, notFound } from "@/lib/errors";
import { addDays, billingDay, isDay } from "@/lib/time/billing-day";
import type { DayRange } from "@/lib/usage/scope";

/** A numeric id from the route's path; anything else is simply not found. */
export function idParam(params: RouteParams, what: string, name = "id"): number {
  const raw = params[name];
  const id = typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound(what);
  return id;
}

/** Any account's key, for staff (the console is the one place that reads across accounts). */
export async function staffKeyById(db: DbOrTx, params: RouteParams): Promise<ApiKey> {
  const id = idParam(params, "Key");
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  if (!key) throw notFound("Key");
  return key;
}

export const MAX_RANGE_DAYS = 400;
const day = z.string().refine(isDay, "must be a day as YYYY-MM-DD");

/** `from`/`to` billing days (inclusive) from the query; default the last 30 days; at most 400 days. */
export function rangeParam(url: URL, now: Date): DayRange {
  const today = billingDay(now);
  const { from, to } = parseInput(z.object({ from: day.default(addDays(today, -29)), to: day.default(today) }), queryOf(url));
  if (from > to) throw invalidRequest("from: must not be after to", "from");
  if (addDays(from, MAX_RANGE_DAYS - 1) < to) throw invalidRequest(`from: the range is at most ${MAX_RANGE_DAYS} days`, "from");
  return { from, to };
}
