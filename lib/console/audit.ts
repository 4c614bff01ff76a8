import "server-only";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { limitChanges } from "@/db/schema";
import { billingDayStart, addDays, isDay } from "@/lib/time/billing-day";
import { csvLine } from "@/lib/usage/csv";

const day = z.string().refine(isDay, "must be a day as YYYY-MM-DD");
export const auditFilterSchema = z.object({
  accountId: z.coerce.number().int().positive().optional(),
  keyId: z.coerce.number().int().positive().optional(),
  field: z.string().max(40).optional(),
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AuditFilters = z.infer<typeof auditFilterSchema>;

export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  accountId: number;
  keyId: number;
  field: string;
  before: string | null;
  after: string | null;
  until: string | null;
  reason: string;
  /** The customer's limit request this change answered. */
  requestId: number | null;
};

/** The audit trail of limit and status changes, newest first; `from`/`to` are billing days. */
export async function listAudit(db: DbOrTx, f: AuditFilters): Promise<AuditRow[]> {
  const where: (SQL | undefined)[] = [
    f.accountId ? eq(limitChanges.accountId, f.accountId) : undefined,
    f.keyId ? eq(limitChanges.keyId, f.keyId) : undefined,
    f.field ? eq(limitChanges.field, f.field) : undefined,
    f.from ? gte(limitChanges.at, billingDayStart(f.from)) : undefined,
    f.to ? lt(limitChanges.at, billingDayStart(addDays(f.to, 1))) : undefined,
  ];
  const rows = await db
    .select()
    .from(limitChanges)
    .where(and(...where))
    .orderBy(desc(limitChanges.at), desc(limitChanges.id))
    .limit(f.limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actorLabel,
    accountId: r.accountId,
    keyId: r.keyId,
    field: r.field,
    before: r.oldValue,
    after: r.newValue,
    until: r.temporaryUntil?.toISOString() ?? null,
    reason: r.reason,
    requestId: r.limitRequestId,
  }));
}

export const AUDIT_COLUMNS = ["id", "at", "actor", "accountId", "keyId", "field", "before", "after", "until", "reason", "requestId"] as const;

/** The audit rows as CSV (UTF-8 with BOM), through the one CSV writer's quoting. */
export function auditCsv(rows: AuditRow[]): string {
  return `\uFEFF${[csvLine(AUDIT_COLUMNS), ...rows.map((r) => csvLine(AUDIT_COLUMNS.map((c) => r[c])))].join("\r\n")}\r\n`;
}
