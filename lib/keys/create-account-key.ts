import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { accounts } from "@/db/schema";
import { parseInput } from "@/lib/api/parse-input";
import type { VerbContext } from "@/lib/api/verb-context";
import { notFound } from "@/lib/errors";
import { createKey } from "./create-key";

export const aliasSchema = z.string({ error: "is required" }).trim().min(1, "must not be empty").max(64, "must be at most 64 characters");
export const createAccountKeyInput = z.object({ alias: aliasSchema });

/**
 * A new key for an account with the default limits: a customer for their own account (the
 * session's), support for any account named in the console. The raw key is returned here and
 * nowhere else: only its double hash and display form are stored.
 */
export async function createAccountKey({ ctx, input }: { ctx: VerbContext; input: { accountId: number; body: unknown } }) {
  const { alias } = parseInput(createAccountKeyInput, input.body);
  if (ctx.accountId !== null && ctx.accountId !== input.accountId) throw notFound("Account");
  const [account] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
  if (!account) throw notFound("Account");
  const { rawKey, key } = await createKey(ctx.db, { accountName: "", accountId: account.id, alias });
  return { id: key.id, key: rawKey, display: key.display, alias: key.alias };
}
