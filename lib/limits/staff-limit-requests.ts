import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accounts, apiKeys, limitRequests, users } from "@/db/schema";

export type StaffLimitRequest = {
  id: number;
  accountId: number;
  accountName: string;
  keyId: number;
  keyLabel: string;
  field: string;
  value: string;
  reason: string;
  status: "pending" | "approved" | "denied";
  note: string | null;
  until: string | null;
  requestedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
};

/** Limit requests of every account for support: pending ones oldest first, decided ones newest first. */
export async function listLimitRequestsForStaff(
  db: DbOrTx,
  status?: "pending" | "approved" | "denied",
  limit = 200,
): Promise<StaffLimitRequest[]> {
  const rows = await db
    .select({ r: limitRequests, accountName: accounts.name, alias: apiKeys.alias, display: apiKeys.display, email: users.email })
    .from(limitRequests)
    .innerJoin(apiKeys, eq(apiKeys.id, limitRequests.keyId))
    .innerJoin(accounts, eq(accounts.id, limitRequests.accountId))
    .leftJoin(users, eq(users.id, limitRequests.requestedBy))
    .where(status ? eq(limitRequests.status, status) : undefined)
    .orderBy(status === "pending" ? asc(limitRequests.createdAt) : desc(limitRequests.createdAt))
    .limit(limit);
  return rows.map(({ r, accountName, alias, display, email }) => ({
    id: r.id,
    accountId: r.accountId,
    accountName,
    keyId: r.keyId,
    keyLabel: `${alias} (${display})`,
    field: r.field,
    value: r.requestedValue,
    reason: r.reason,
    status: r.status,
    note: r.decisionNote,
    until: r.approvedUntil?.toISOString() ?? null,
    requestedBy: email,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}
