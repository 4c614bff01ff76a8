import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, limitChanges, type ApiKey } from "@/db/schema";
import { parseInput } from "@/lib/api/parse-input";
import type { VerbContext } from "@/lib/console/verb-context";
import { lockKey } from "./apply-limit-change";
import { notifyKeyChanged } from "./change-events";
import { reasonSchema } from "./limit-input";

export const setKeyStatusSchema = z.object({
  status: z.enum(["active", "disabled"], { error: 'must be "active" or "disabled"' }),
  reason: reasonSchema,
});

/**
 * Staff disable or re-enable a key, with a reason, audited as field "status". The NOTIFY in the
 * same transaction drops the key from every gateway process's cache right after the commit.
 */
export async function setKeyStatus({ ctx, input }: { ctx: VerbContext; input: { keyId: number; body: unknown } }): Promise<ApiKey> {
  const { status, reason } = parseInput(setKeyStatusSchema, input.body);
  return ctx.db.transaction(async (tx) => {
    const key = await lockKey(tx, input.keyId);
    if (key.status === status) return key;
    const [updated] = await tx.update(apiKeys).set({ status }).where(eq(apiKeys.id, key.id)).returning();
    await tx.insert(limitChanges).values({
      accountId: key.accountId,
      keyId: key.id,
      actorUserId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      field: "status",
      oldValue: key.status,
      newValue: status,
      reason,
      at: ctx.now,
    });
    await notifyKeyChanged(tx, key.id);
    return updated!;
  });
}
