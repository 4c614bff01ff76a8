import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { apiKeys, limitChanges, type ApiKey } from "@/db/schema";
import type { VerbContext } from "@/lib/api/verb-context";
import { invalidRequest, notFound } from "@/lib/errors";
import { lockKey } from "@/lib/limits/apply-limit-change";
import { notifyKeyChanged } from "@/lib/limits/change-events";
import { reasonSchema } from "@/lib/limits/limit-input";

export type KeyStatus = "active" | "disabled";
export const keyStatusSchema = z.enum(["active", "disabled"], { error: 'must be "active" or "disabled"' });

/** The console's body: staff always say why. */
export const staffKeyStatusInput = z.object({ status: keyStatusSchema, reason: reasonSchema });

/** What the audit trail says when the account owner flips their own key without a reason. */
const OWNER_REASON: Record<KeyStatus, string> = {
  active: "Enabled by the account owner",
  disabled: "Disabled by the account owner",
};

/**
 * Disables or re-enables a key: the one verb for the customer's dashboard and the support
 * console. A customer context only reaches its own account's keys (another account's is 404).
 * Each change is audited as field "status" in the same transaction, and the NOTIFY in that
 * transaction drops the key from every gateway process's cache right after the commit, so an
 * enable works (and a disable refuses) within a second everywhere, not after the cache's TTL.
 */
export async function setKeyStatus({
  ctx,
  input,
  tx,
}: {
  ctx: VerbContext;
  input: { keyId: number; status: KeyStatus; reason?: string };
  tx?: Tx;
}): Promise<ApiKey> {
  const reason = input.reason ?? (ctx.accountId !== null ? OWNER_REASON[input.status] : undefined);
  if (reason === undefined) throw invalidRequest("Invalid reason: is required: say why the status changes", "reason");
  const run = async (tx: Tx) => {
    const key = await lockKey(tx, input.keyId);
    if (ctx.accountId !== null && key.accountId !== ctx.accountId) throw notFound("Key");
    if (key.status === input.status) return key;
    const [updated] = await tx.update(apiKeys).set({ status: input.status }).where(eq(apiKeys.id, key.id)).returning();
    await tx.insert(limitChanges).values({
      accountId: key.accountId,
      keyId: key.id,
      actorUserId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      field: "status",
      oldValue: key.status,
      newValue: input.status,
      reason,
      at: ctx.now,
    });
    await notifyKeyChanged(tx, key.id);
    return updated!;
  };
  return tx ? run(tx) : ctx.db.transaction(run);
}
