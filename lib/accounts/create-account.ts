import "server-only";
import { z } from "zod";
import { accounts } from "@/db/schema";
import { parseInput } from "@/lib/api/parse-input";
import type { VerbContext } from "@/lib/api/verb-context";
import { AppError } from "@/lib/errors";

export const createAccountSchema = z.object({
  name: z.string({ error: "is required" }).trim().min(1, "is required").max(120),
  currency: z.enum(["USD", "CNY"], { error: 'must be "USD" or "CNY"' }).default("USD"),
});

/** Admin creates a customer account (names are unique). */
export async function createAccount({ ctx, input }: { ctx: VerbContext; input: { body: unknown } }) {
  const body = parseInput(createAccountSchema, input.body);
  const [account] = await ctx.db.insert(accounts).values(body).onConflictDoNothing().returning();
  if (!account) throw new AppError(409, "invalid_request_error", "name_taken", "An account with this name exists", "name");
  return { id: account.id, name: account.name, currency: account.currency, createdAt: account.createdAt.toISOString() };
}
