import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";

/** The checks every limit value passes, from the console and from an approved request alike. */
export const imageCapSchema = z.number().int("must be a whole number").min(0, "must not be negative").max(1_000_000_000);
export const concurrencyCapSchema = z
  .number()
  .int("must be a whole number")
  .min(0, "must not be negative")
  .max(env.MAX_KEY_CONCURRENCY, `must be at most ${env.MAX_KEY_CONCURRENCY} (MAX_KEY_CONCURRENCY)`);
/** Micro-USD; null removes the limit. */
export const costLimitSchema = z
  .number()
  .int("must be a whole number of micro-USD")
  .min(0, "must not be negative")
  .max(Number.MAX_SAFE_INTEGER)
  .nullable();
export const reasonSchema = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required: say why the limit changes")
  .max(1000);
export const instantSchema = z.iso.datetime({ offset: true, error: "must be an ISO 8601 instant" }).transform((s) => new Date(s));

export const LIMIT_VALUE_SCHEMAS = {
  dailyImageCap: imageCapSchema,
  concurrencyCap: concurrencyCapSchema,
  dailyCostLimitMicros: costLimitSchema,
  totalCostLimitMicros: costLimitSchema,
} as const;
