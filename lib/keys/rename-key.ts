import "server-only";
import { and, eq } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/api/parse-input";
import type { DbOrTx } from "@/db";
import { aliasSchema } from "./create-account-key";
import type { AccountVerbContext } from "@/lib/api/verb-context";

/** Renames a key of the signed-in account; another account's key is 404. */
export async function renameKey({ ctx, input, tx }: { ctx: AccountVerbContext; input: { keyId: number; alias: unknown }; tx?: DbOrTx }) {
  const alias = parseInput(aliasSchema, input.alias);
  const [row] = await (tx ?? ctx.db)
    .update(apiKeys)
    .set({ alias })
    .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.accountId, ctx.accountId)))
    .returning({ id: apiKeys.id });
  if (!row) throw notFound("Key");
  return row;
}
