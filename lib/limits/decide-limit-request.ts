import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { limitRequests, type LimitRequest } from "@/db/schema";
import { parseInput } from "@/lib/api/parse-input";
import type { VerbContext } from "@/lib/api/verb-context";
import { AppError, invalidRequest, notFound } from "@/lib/errors";
import { applyLimitChange, lockKey } from "./apply-limit-change";
import { LIMIT_FIELDS, type LimitField } from "./effective";
import { instantSchema, LIMIT_VALUE_SCHEMAS } from "./limit-input";

const noteSchema = z.string({ error: "is required" }).trim().min(1, "is required: the customer reads it").max(1000);
export const approveSchema = z.object({ note: noteSchema, until: instantSchema.optional() });
export const denySchema = z.object({ note: noteSchema });

async function lockPending(tx: Tx, id: number): Promise<LimitRequest> {
  const [request] = await tx.select().from(limitRequests).where(eq(limitRequests.id, id)).for("update");
  if (!request) throw notFound("Limit request");
  if (request.status !== "pending") {
    throw new AppError(409, "invalid_request_error", "already_decided", `This request was already ${request.status}`);
  }
  return request;
}

/**
 * Approves a pending limit request: applies the requested value (temporarily with `until`), the
 * audit row linked to the request, and the decision with its note, in one transaction.
 */
export async function approveLimitRequest({ ctx, input }: { ctx: VerbContext; input: { requestId: number; body: unknown } }) {
  const { note, until } = parseInput(approveSchema, input.body);
  if (until && until.getTime() <= ctx.now.getTime()) throw invalidRequest("until: must be in the future", "until");
  return ctx.db.transaction(async (tx) => {
    const request = await lockPending(tx, input.requestId);
    if (!(LIMIT_FIELDS as readonly string[]).includes(request.field)) throw invalidRequest(`Unknown limit ${request.field}`, "field");
    const field = request.field as LimitField;
    const value = LIMIT_VALUE_SCHEMAS[field].safeParse(Number(request.requestedValue));
    if (!value.success || value.data === null) {
      throw invalidRequest(`The requested value ${request.requestedValue} is not allowed: ${value.error?.issues[0]?.message ?? "empty"}`, "value");
    }
    const key = await lockKey(tx, request.keyId);
    const reason = `Limit request #${request.id}: ${request.reason}`;
    await applyLimitChange(tx, ctx, key, { [field]: value.data, until }, reason, request.id);
    const [decided] = await tx
      .update(limitRequests)
      .set({ status: "approved", decidedBy: ctx.actor.userId, decisionNote: note, approvedUntil: until ?? null, decidedAt: ctx.now })
      .where(eq(limitRequests.id, request.id))
      .returning();
    return decided!;
  });
}

/** Denies a pending limit request with a note the customer sees; no limit changes. */
export async function denyLimitRequest({ ctx, input }: { ctx: VerbContext; input: { requestId: number; body: unknown } }) {
  const { note } = parseInput(denySchema, input.body);
  return ctx.db.transaction(async (tx) => {
    const request = await lockPending(tx, input.requestId);
    const [decided] = await tx
      .update(limitRequests)
      .set({ status: "denied", decidedBy: ctx.actor.userId, decisionNote: note, decidedAt: ctx.now })
      .where(eq(limitRequests.id, request.id))
      .returning();
    return decided!;
  });
}

/** A decided request as the approve and deny APIs answer it. */
export function decisionView(r: LimitRequest) {
  return {
    id: r.id,
    status: r.status,
    note: r.decisionNote,
    until: r.approvedUntil?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}
