import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { priceBook } from "@/db/schema";
import { parseInput } from "@/lib/api/parse-input";
import type { VerbContext } from "@/lib/api/verb-context";
import { env } from "@/lib/env";
import { invalidRequest } from "@/lib/errors";
import { notifyPriceBookChanged } from "@/lib/limits/change-events";
import { instantSchema } from "@/lib/limits/limit-input";
import { loadPriceBook } from "./load";
import { IMAGE_QUALITIES, IMAGE_SIZES } from "./price-book";

const micros = z.number().int("must be a whole number of micro-USD").max(Number.MAX_SAFE_INTEGER);

export const publishPriceBookSchema = z.object({
  effectiveFrom: instantSchema,
  floorMicros: micros.min(1, "must be set (at least 1 micro-USD)"),
  entries: z
    .array(
      z.object({
        size: z.enum(IMAGE_SIZES, { error: `must be one of ${IMAGE_SIZES.join(", ")}` }),
        quality: z.enum(IMAGE_QUALITIES, { error: `must be one of ${IMAGE_QUALITIES.join(", ")}` }),
        unitPriceMicros: micros.min(0, "must not be negative"),
      }),
    )
    .min(1, "must price at least one size and quality"),
});

/** Serializes publishers so two never take the same version number. */
const PUBLISH_LOCK = 0x9b00c;

/**
 * Admin publishes a new price-book version, in force from a future instant. Calls keep the
 * version in force when they were made (the gateway picks by the call's time), so earlier calls
 * are never repriced. Every size and quality the version in force prices, and every allowed size
 * at every quality, must have a price.
 */
export async function publishPriceBook({ ctx, input }: { ctx: VerbContext; input: { body: unknown } }) {
  const body = parseInput(publishPriceBookSchema, input.body);
  if (body.effectiveFrom.getTime() <= ctx.now.getTime()) throw invalidRequest("effectiveFrom: must be in the future", "effectiveFrom");
  const seen = new Set<string>();
  body.entries.forEach((e, i) => {
    const id = `${e.size}/${e.quality}`;
    if (seen.has(id)) throw invalidRequest(`entries.${i}: ${id} is priced twice`, `entries.${i}`);
    seen.add(id);
  });
  const current = await loadPriceBook(ctx.db, ctx.now).catch(() => null);
  const required = new Set<string>([
    ...(current?.entries.map((e) => `${e.size}/${e.quality}`) ?? []),
    ...env.ALLOWED_SIZES.flatMap((s) => IMAGE_QUALITIES.map((q) => `${s}/${q}`)),
  ]);
  const missing = [...required].filter((id) => !seen.has(id));
  if (missing.length) throw invalidRequest(`entries: no price for ${missing.join(", ")}`, "entries");

  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`);
    const [row] = await tx.select({ max: sql<number>`coalesce(max(${priceBook.version}), 0)::int` }).from(priceBook);
    const version = (row?.max ?? 0) + 1;
    await tx.insert(priceBook).values(
      body.entries.map((e) => ({
        version,
        effectiveFrom: body.effectiveFrom,
        size: e.size,
        quality: e.quality,
        unitPriceMicros: e.unitPriceMicros,
        floorMicros: body.floorMicros,
        publishedBy: ctx.actor.userId,
        publishedAt: ctx.now,
      })),
    );
    await notifyPriceBookChanged(tx);
    return { version, effectiveFrom: body.effectiveFrom.toISOString() };
  });
}
