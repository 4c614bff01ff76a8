import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { limitChanges, limitRequests } from "@/db/schema";

export type LimitRequestView = {
  id: number;
  keyId: number;
  field: string;
  value: number;
  reason: string;
  status: "pending" | "approved" | "denied";
  /** Support's note once decided. */
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
  approvedUntil: string | null;
};

export type LimitChangeView = {
  id: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string;
  actor: string;
  temporaryUntil: string | null;
  limitRequestId: number | null;
  at: string;
};

/** The account's limit requests, newest first (optionally of one key). */
export async function listLimitRequests(db: DbOrTx, accountId: number, keyId?: number): Promise<LimitRequestView[]> {
  const rows = await db
    .select()
    .from(limitRequests)
    .where(and(eq(limitRequests.accountId, accountId), keyId === undefined ? undefined : eq(limitRequests.keyId, keyId)))
    .orderBy(desc(limitRequests.createdAt), desc(limitRequests.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    keyId: r.keyId,
    field: r.field,
    value: Number(r.requestedValue),
    reason: r.reason,
    status: r.status,
    note: r.decisionNote,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    approvedUntil: r.approvedUntil?.toISOString() ?? null,
  }));
}

/** A key's limit history (who changed which limit, when and why), newest first; scoped to the account. */
export async function listLimitChanges(db: DbOrTx, accountId: number, keyId: number): Promise<LimitChangeView[]> {
  const rows = await db
    .select()
    .from(limitChanges)
    .where(and(eq(limitChanges.accountId, accountId), eq(limitChanges.keyId, keyId)))
    .orderBy(desc(limitChanges.at), desc(limitChanges.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    field: r.field,
    oldValue: r.oldValue,
    newValue: r.newValue,
    reason: r.reason,
    actor: r.actorLabel,
    temporaryUntil: r.temporaryUntil?.toISOString() ?? null,
    limitRequestId: r.limitRequestId,
    at: r.at.toISOString(),
  }));
}
