import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { apiKeys } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/api/parse-input";
import type { AccountCtx } from "./mutation-context";

export const keyStatusSchema = z.enum(["active", "disabled"]);

/**
 * Disables or re-enables a key of the signed-in account. The gateway's key cache may hold the key
 * for a few seconds, but its reservation re-reads the status in SQL, so the next call after a
 * disable is refused.
 */
export async function setKeyStatus({ ctx, input, tx }: { ctx: AccountCtx; input: { keyId: number; status: unknown }; tx?: DbOrTx }) {
  const status = parseInput(keyStatusSchema, input.status);
  const [row] = await (tx ?? ctx.db)
    .update(apiKeys)
    .set({ status })
    .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.accountId, ctx.accountId)))
    .returning({ id: apiKeys.id, status: apiKeys.status });
  if (!row) throw notFound("Key");
  return row;
}
