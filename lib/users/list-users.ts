import "server-only";
import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accounts, users } from "@/db/schema";
import { eq } from "drizzle-orm";

/** Every user with their account's name, for the admin's staff page (never a password hash). */
export async function listUsers(db: DbOrTx) {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      accountId: users.accountId,
      accountName: accounts.name,
      disabledAt: users.disabledAt,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .orderBy(asc(users.role), asc(users.email));
  return rows.map((r) => ({
    ...r,
    disabledAt: r.disabledAt?.toISOString() ?? null,
    lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
