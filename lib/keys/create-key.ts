import "server-only";
import type { DbOrTx } from "@/db";
import { accounts, apiKeys, type ApiKey } from "@/db/schema";
import { eq } from "drizzle-orm";
import { displayForm, generateRawKey, lookupHashForKey } from "./hash";

export type KeyLimitsInput = {
  dailyImageCap?: number;
  concurrencyCap?: number;
  dailyCostLimitMicros?: number | null;
  totalCostLimitMicros?: number | null;
};

export type CreateKeyInput = KeyLimitsInput & {
  /** The account by name (created if new), unless `accountId` names an existing one. */
  accountName: string;
  accountId?: number;
  currency?: "USD" | "CNY";
  alias: string;
  expiresAt?: Date | null;
  status?: "active" | "disabled";
  /** Supply a key (demo data derives them from a seed); otherwise a random one. */
  rawKey?: string;
};

/**
 * Creates a key (and its account if new). Returns the raw key: the only time it exists
 * outside the caller's hands, so show it once and drop it.
 */
export async function createKey(db: DbOrTx, input: CreateKeyInput): Promise<{ rawKey: string; key: ApiKey }> {
  const rawKey = input.rawKey ?? generateRawKey();
  return db.transaction(async (tx) => {
    if (input.accountId === undefined) {
      await tx
        .insert(accounts)
        .values({ name: input.accountName, currency: input.currency ?? "USD" })
        .onConflictDoNothing();
    }
    const [account] = await tx
      .select()
      .from(accounts)
      .where(input.accountId === undefined ? eq(accounts.name, input.accountName) : eq(accounts.id, input.accountId));
    if (!account) throw new Error(`account ${input.accountName} could not be created`);
    const [key] = await tx
      .insert(apiKeys)
      .values({
        accountId: account.id,
        alias: input.alias,
        lookupHash: lookupHashForKey(rawKey),
        display: displayForm(rawKey),
        status: input.status ?? "active",
        expiresAt: input.expiresAt ?? null,
        dailyImageCap: input.dailyImageCap ?? 100,
        concurrencyCap: input.concurrencyCap ?? 2,
        dailyCostLimitMicros: input.dailyCostLimitMicros ?? null,
        totalCostLimitMicros: input.totalCostLimitMicros ?? null,
      })
      .returning();
    return { rawKey, key: key! };
  });
}
