import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { accounts, apiKeys } from "@/db/schema";
import { parseInput } from "@/lib/api/parse-input";
import type { VerbContext } from "@/lib/console/verb-context";
import { notFound } from "@/lib/errors";
import { displayForm, generateRawKey, lookupHashForKey } from "./hash";

export const createAccountKeySchema = z.object({
  alias: z.string({ error: "is required" }).trim().min(1, "is required").max(80),
});

/**
 * Staff create a key for an account. The raw key is returned here and nowhere else: only its
 * double hash and display form are stored.
 */
export async function createAccountKey({ ctx, input }: { ctx: VerbContext; input: { accountId: number; body: unknown } }) {
  const { alias } = parseInput(createAccountKeySchema, input.body);
  const [account] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
  if (!account) throw notFound("Account");
  const rawKey = generateRawKey();
  const [key] = await ctx.db
    .insert(apiKeys)
    .values({ accountId: account.id, alias, lookupHash: lookupHashForKey(rawKey), display: displayForm(rawKey) })
    .returning({ id: apiKeys.id, display: apiKeys.display });
  return { id: key!.id, key: rawKey, display: key!.display };
}
