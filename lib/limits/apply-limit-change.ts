import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { apiKeys, limitChanges, type ApiKey } from "@/db/schema";
import type { VerbContext } from "@/lib/api/verb-context";
import { notFound } from "@/lib/errors";
import { notifyKeyChanged } from "./change-events";
import { effectiveLimits, type LimitField } from "./effective";

export type LimitPatch = {
  dailyImageCap?: number;
  concurrencyCap?: number;
  dailyCostLimitMicros?: number | null;
  totalCostLimitMicros?: number | null;
  expiresAt?: Date | null;
  /** Makes the limit changes temporary: in force until this instant, then the permanent value again. */
  until?: Date;
};

/** The permanent and temporary columns of each limit. */
const COLUMNS = {
  dailyImageCap: { permanent: "dailyImageCap", temp: "tempDailyImageCap", until: "tempDailyImageCapUntil" },
  concurrencyCap: { permanent: "concurrencyCap", temp: "tempConcurrencyCap", until: "tempConcurrencyCapUntil" },
  dailyCostLimitMicros: { permanent: "dailyCostLimitMicros", temp: "tempDailyCostLimitMicros", until: "tempDailyCostLimitUntil" },
  totalCostLimitMicros: { permanent: "totalCostLimitMicros", temp: "tempTotalCostLimitMicros", until: "tempTotalCostLimitUntil" },
} as const satisfies Record<LimitField, { permanent: keyof ApiKey; temp: keyof ApiKey; until: keyof ApiKey }>;

const text = (v: number | null | Date | undefined): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);

/** The key, locked for the rest of the transaction (another change of it waits for this one). */
export async function lockKey(tx: Tx, keyId: number): Promise<ApiKey> {
  const [key] = await tx.select().from(apiKeys).where(eq(apiKeys.id, keyId)).for("update");
  if (!key) throw notFound("Key");
  return key;
}

/**
 * Applies `patch` to a locked key inside the caller's transaction and writes one audit row per
 * field that changed (before = the value in force now). A permanent change of a limit also ends
 * that limit's temporary override: "set to X" means X is in force from the next call. A temporary
 * change touches only that limit's own override and end, so raises of different limits with
 * different ends never disturb each other. Tells every gateway process the key changed.
 */
export async function applyLimitChange(
  tx: Tx,
  ctx: VerbContext,
  key: ApiKey,
  patch: LimitPatch,
  reason: string,
  limitRequestId: number | null = null,
): Promise<ApiKey> {
  const inForce = effectiveLimits(key, ctx.now);
  const set: Record<string, unknown> = {};
  const audit: (typeof limitChanges.$inferInsert)[] = [];
  const row = (field: string, before: string | null, after: string | null, until: Date | null) =>
    audit.push({
      accountId: key.accountId,
      keyId: key.id,
      actorUserId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      field,
      oldValue: before,
      newValue: after,
      reason,
      temporaryUntil: until,
      limitRequestId,
      at: ctx.now,
    });

  for (const field of Object.keys(COLUMNS) as LimitField[]) {
    const value = patch[field];
    if (value === undefined) continue;
    const cols = COLUMNS[field];
    const before = inForce[field];
    if (patch.until) {
      set[cols.temp] = value;
      set[cols.until] = patch.until;
      row(field, text(before), text(value), patch.until);
    } else {
      const hadTemp = inForce.until[field] !== null;
      // An approved request is always on the record, even when the value was already in force.
      if (value === key[cols.permanent] && !hadTemp && limitRequestId === null) continue;
      set[cols.permanent] = value;
      set[cols.temp] = null;
      set[cols.until] = null;
      row(field, text(before), text(value), null);
    }
  }
  if (patch.expiresAt !== undefined && text(patch.expiresAt) !== text(key.expiresAt)) {
    set.expiresAt = patch.expiresAt;
    row("expiresAt", text(key.expiresAt), text(patch.expiresAt), null);
  }
  if (audit.length === 0) return key;

  const [updated] = await tx.update(apiKeys).set(set as Partial<typeof apiKeys.$inferInsert>).where(eq(apiKeys.id, key.id)).returning();
  await tx.insert(limitChanges).values(audit);
  await notifyKeyChanged(tx, key.id);
  return updated!;
}
