import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts } from "@/db/schema";
import type { SessionUser } from "./session";

/** What the top bar shows of the signed-in user: email, role and (customers) account name. */
export async function describeUser(db: Db, user: SessionUser) {
  let accountName: string | null = null;
  if (user.accountId !== null) {
    const [row] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, user.accountId)).limit(1);
    accountName = row?.name ?? null;
  }
  return { email: user.email, role: user.role, accountName };
}
