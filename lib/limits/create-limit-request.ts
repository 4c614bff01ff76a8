import "server-only";
import { z } from "zod";
import { limitRequests } from "@/db/schema";
import { invalidRequest } from "@/lib/errors";
import type { AccountVerbContext } from "@/lib/api/verb-context";
import { findAccountKey } from "@/lib/keys/find-account-key";
import { parseInput } from "@/lib/api/parse-input";
import { effectiveLimits, LIMIT_FIELDS } from "./effective";

export const createLimitRequestInput = z.strictObject({
  keyId: z.number().int().positive(),
  field: z.enum(LIMIT_FIELDS),
  value: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  reason: z.string().trim().min(1, "say why the key needs more").max(2000, "must be at most 2000 characters"),
});

/**
 * A customer asks support for a higher limit on one of their keys. The value must be above the
 * limit in force now; support decides in the console. Nothing about the key changes here.
 */
export async function createLimitRequest({ ctx, input }: { ctx: AccountVerbContext; input: unknown }) {
  const req = parseInput(createLimitRequestInput, input);
  const key = await findAccountKey(ctx.db, ctx.accountId, req.keyId);
  const current = effectiveLimits(key, ctx.now)[req.field];
  if (current === null) {
    throw invalidRequest(`Invalid value: this key has no ${req.field} limit, so there is nothing to raise`, "value");
  }
  if (req.value <= current) throw invalidRequest(`Invalid value: must be above the current ${current}`, "value");
  const [row] = await ctx.db
    .insert(limitRequests)
    .values({
      accountId: ctx.accountId,
      keyId: key.id,
      requestedBy: ctx.actor.userId,
      field: req.field,
      requestedValue: String(req.value),
      reason: req.reason,
      createdAt: ctx.now,
    })
    .returning({ id: limitRequests.id, status: limitRequests.status });
  return row!;
}
