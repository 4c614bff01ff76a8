import "server-only";
import { z } from "zod";
import { parseInput } from "@/lib/parse-input";
import { createKey } from "./create-key";
import type { AccountCtx } from "./mutation-context";

export const aliasSchema = z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters");
export const createAccountKeyInput = z.object({ alias: aliasSchema });

/**
 * A new key for the signed-in account with the default limits (raising them is support's job).
 * The raw key is returned here and nowhere else: it is not stored.
 */
export async function createAccountKey({ ctx, input }: { ctx: AccountCtx; input: unknown }) {
  const { alias } = parseInput(createAccountKeyInput, input);
  const { rawKey, key } = await createKey(ctx.db, { accountName: "", accountId: ctx.accountId, alias });
  return { id: key.id, key: rawKey, display: key.display, alias: key.alias };
}
