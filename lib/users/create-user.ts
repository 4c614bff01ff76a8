import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { accounts, users } from "@/db/schema";
import { parseInput } from "@/lib/api/parse-input";
import { hashPassword } from "@/lib/auth/password";
import type { VerbContext } from "@/lib/api/verb-context";
import { AppError, invalidRequest } from "@/lib/errors";

export const createUserSchema = z.object({
  email: z.email({ error: "must be an email address" }).transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().max(120).default(""),
  role: z.enum(["customer", "support", "admin"], { error: 'must be "customer", "support" or "admin"' }),
  accountId: z.number().int().positive().optional(),
  password: z.string({ error: "is required" }).min(12, "must be at least 12 characters").max(200),
});

/** Admin creates a user: customers belong to an account, staff to none. Stores only an argon2id hash. */
export async function createUser({ ctx, input }: { ctx: VerbContext; input: { body: unknown } }) {
  const body = parseInput(createUserSchema, input.body);
  if (body.role === "customer" && body.accountId === undefined) throw invalidRequest("accountId: a customer needs an account", "accountId");
  if (body.role !== "customer" && body.accountId !== undefined) throw invalidRequest("accountId: staff belong to no account", "accountId");
  if (body.accountId !== undefined) {
    const [a] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, body.accountId));
    if (!a) throw invalidRequest("accountId: no such account", "accountId");
  }
  const passwordHash = await hashPassword(body.password);
  const [user] = await ctx.db
    .insert(users)
    .values({ email: body.email, name: body.name, role: body.role, accountId: body.accountId ?? null, passwordHash })
    .onConflictDoNothing()
    .returning();
  if (!user) throw new AppError(409, "invalid_request_error", "email_taken", "A user with this email exists", "email");
  return { id: user.id, email: user.email, name: user.name, role: user.role, accountId: user.accountId };
}
