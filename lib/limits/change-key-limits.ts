import "server-only";
import { z } from "zod";
import type { ApiKey } from "@/db/schema";
import { parseInput } from "@/lib/api/parse-input";
import type { VerbContext } from "@/lib/api/verb-context";
import { invalidRequest } from "@/lib/errors";
import { applyLimitChange, lockKey } from "./apply-limit-change";
import { costLimitSchema, concurrencyCapSchema, imageCapSchema, instantSchema, reasonSchema } from "./limit-input";

export const changeKeyLimitsSchema = z.object({
  dailyImageCap: imageCapSchema.optional(),
  concurrencyCap: concurrencyCapSchema.optional(),
  dailyCostLimitMicros: costLimitSchema.optional(),
  totalCostLimitMicros: costLimitSchema.optional(),
  expiresAt: instantSchema.nullable().optional(),
  until: instantSchema.optional(),
  reason: reasonSchema,
});

/**
 * Staff change a key's limits and expiry: permanently, or (with `until`) temporarily. One
 * transaction locks the key, applies, writes an audit row per changed field and notifies the
 * gateways; a refused input changes nothing.
 */
export async function changeKeyLimits({ ctx, input }: { ctx: VerbContext; input: { keyId: number; body: unknown } }): Promise<ApiKey> {
  const body = parseInput(changeKeyLimitsSchema, input.body);
  const now = ctx.now.getTime();
  if (body.until && body.until.getTime() <= now) throw invalidRequest("until: must be in the future", "until");
  if (body.expiresAt && body.expiresAt.getTime() <= now) throw invalidRequest("expiresAt: must be in the future", "expiresAt");
  if (body.until) {
    for (const f of ["dailyCostLimitMicros", "totalCostLimitMicros"] as const) {
      if (body[f] === null) throw invalidRequest(`${f}: a temporary change needs a value (removing a limit is permanent)`, f);
    }
  }
  const given = ["dailyImageCap", "concurrencyCap", "dailyCostLimitMicros", "totalCostLimitMicros", "expiresAt"] as const;
  if (!given.some((f) => body[f] !== undefined)) throw invalidRequest("Give at least one limit or the expiry to change", "dailyImageCap");
  if (body.until && body.expiresAt !== undefined && given.filter((f) => f !== "expiresAt").every((f) => body[f] === undefined)) {
    throw invalidRequest("until: applies to limits, not to the expiry", "until");
  }

  return ctx.db.transaction(async (tx) => {
    const key = await lockKey(tx, input.keyId);
    const { until, reason, ...patch } = body;
    return applyLimitChange(tx, ctx, key, { ...patch, until }, reason);
  });
}
