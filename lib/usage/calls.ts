import "server-only";
import { and, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { apiKeys, calls } from "@/db/schema";
import { AppError, invalidRequest } from "@/lib/errors";
import { addDays, billingDayStart, isDay } from "@/lib/time/billing-day";
import type { UsageScope } from "./scope";
import type { CallPage, CallView } from "./types";

export const MAX_PAGE_SIZE = 200;

export type CallFilters = {
  from: string;
  to: string;
  kind?: "image" | "chat";
  status?: "ok" | "failed";
  errorCode?: string;
  size?: string;
  quality?: string;
};

const day = z.string().refine(isDay, "must be a day as YYYY-MM-DD");

/** Query-string filters of the call list and the CSV, limited to `days` billing days back from today. */
export function parseCallFilters(params: URLSearchParams, today: string, days = 30): CallFilters & { limit: number; cursor?: string } {
  const schema = z.object({
    from: day.default(addDays(today, -(days - 1))),
    to: day.default(today),
    kind: z.enum(["image", "chat"]).optional(),
    status: z.enum(["ok", "failed"]).optional(),
    error_code: z.string().regex(/^[a-z0-9_]{1,64}$/, "must be an error code such as image_daily_limit").optional(),
    size: z.string().regex(/^\d{3,4}x\d{3,4}$/, "must be a size such as 1024x1024").optional(),
    quality: z.enum(["low", "medium", "high"]).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    cursor: z.string().max(200).optional(),
  });
  const raw = Object.fromEntries([...params].filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "query");
    throw invalidRequest(`Invalid ${field}: ${issue.message}`, field);
  }
  const p = parsed.data;
  const earliest = addDays(today, -(days - 1));
  if (p.from < earliest) throw invalidRequest(`Invalid from: must be on or after ${earliest} (the last ${days} days)`, "from");
  if (p.to > today) throw invalidRequest(`Invalid to: must be on or before ${today}`, "to");
  if (p.from > p.to) throw invalidRequest("Invalid from: must not be after to", "from");
  return {
    from: p.from,
    to: p.to,
    kind: p.kind,
    status: p.status,
    errorCode: p.error_code,
    size: p.size,
    quality: p.quality,
    limit: p.limit,
    cursor: p.cursor,
  };
}

type Cursor = { t: string; i: number };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
    if (typeof c.t !== "string" || !Number.isSafeInteger(c.i) || Number.isNaN(Date.parse(c.t))) throw new Error();
    return c;
  } catch {
    throw new AppError(400, "invalid_request_error", "invalid_request_error", "Invalid cursor: pass the nextCursor of the previous page", "cursor");
  }
}

/** Microsecond-exact text form of created_at, so a cursor never skips or repeats a row. */
const createdAtText = sql<string>`to_char(${calls.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page of calls, newest first, by keyset on (created_at, id) — the page at any depth costs
 * the same, unlike OFFSET.
 */
export async function listCalls(
  db: DbOrTx,
  scope: UsageScope,
  filters: CallFilters,
  page: { limit: number; cursor?: string },
): Promise<CallPage> {
  const cursor = page.cursor ? decodeCursor(page.cursor) : undefined;
  const where: (SQL | undefined)[] = [
    eq(calls.accountId, scope.accountId),
    scope.keyId === undefined ? undefined : eq(calls.keyId, scope.keyId),
    gte(calls.createdAt, billingDayStart(filters.from)),
    lt(calls.createdAt, billingDayStart(addDays(filters.to, 1))),
    filters.kind ? eq(calls.kind, filters.kind) : undefined,
    filters.status === "ok" ? isNull(calls.errorCode) : undefined,
    filters.status === "failed" ? isNotNull(calls.errorCode) : undefined,
    filters.errorCode ? eq(calls.errorCode, filters.errorCode) : undefined,
    filters.size ? eq(calls.size, filters.size) : undefined,
    filters.quality ? eq(calls.quality, filters.quality) : undefined,
    cursor ? sql`(${calls.createdAt}, ${calls.id}) < (${cursor.t}::timestamptz, ${cursor.i})` : undefined,
  ];
  const rows = await db
    .select({ call: calls, cursorTime: createdAtText, keyDisplay: apiKeys.display, keyAlias: apiKeys.alias })
    .from(calls)
    .innerJoin(apiKeys, and(eq(apiKeys.id, calls.keyId), eq(apiKeys.accountId, calls.accountId)))
    .where(and(...where))
    .orderBy(desc(calls.createdAt), desc(calls.id))
    .limit(page.limit + 1);

  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    calls: pageRows.map((r) => toCallView(r.call, r.keyDisplay, r.keyAlias)),
    nextCursor: more && last ? encodeCursor({ t: last.cursorTime, i: last.call.id }) : null,
  };
}

export function toCallView(c: typeof calls.$inferSelect, keyDisplay: string, keyAlias = ""): CallView {
  const billed = c.costMicros > 0 && c.unitPriceMicros !== null && c.floorMicros !== null;
  return {
    requestId: c.requestId,
    createdAt: c.createdAt.toISOString(),
    billingDay: c.billingDay,
    kind: c.kind,
    model: c.model,
    size: c.size,
    quality: c.quality,
    n: c.n,
    imagesDelivered: c.imagesDelivered,
    httpStatus: c.httpStatus,
    errorCode: c.errorCode,
    costMicros: c.costMicros,
    unitPriceMicros: c.unitPriceMicros,
    floorMicros: c.floorMicros,
    priceVersion: c.priceVersion,
    floorApplied: billed ? c.unitPriceMicros! < c.floorMicros! : null,
    latencyMs: c.latencyMs,
    region: c.region,
    promptPreview: c.promptPreview,
    inputTokens: c.inputTokens,
    outputTokens: c.outputTokens,
    keyDisplay,
    keyAlias,
  };
}
