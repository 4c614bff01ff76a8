import "server-only";
import { z } from "zod";
import type { AccountVerbContext } from "@/lib/api/verb-context";
import { invalidRequest } from "@/lib/errors";
import { parseInput } from "@/lib/api/parse-input";
import { aliasSchema } from "./create-account-key";
import { renameKey } from "./rename-key";
import { keyStatusSchema, setKeyStatus } from "./set-key-status";

/** What a customer may change on a key: its alias and whether it is enabled. Never its limits. */
export const updateKeyInput = z.strictObject({ alias: aliasSchema.optional(), status: keyStatusSchema.optional() });

/** PATCH of a key: every field checked before anything is written, both changes in one transaction. */
export async function updateKey({ ctx, input }: { ctx: AccountVerbContext; input: { keyId: number; body: unknown } }) {
  const body = parseInput(updateKeyInput, input.body);
  if (body.alias === undefined && body.status === undefined) throw invalidRequest("Invalid body: send alias or status", "alias");
  await ctx.db.transaction(async (tx) => {
    if (body.alias !== undefined) await renameKey({ ctx, input: { keyId: input.keyId, alias: body.alias }, tx });
    if (body.status !== undefined) await setKeyStatus({ ctx, input: { keyId: input.keyId, status: body.status }, tx });
  });
}
