import "server-only";
import { and, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { apiKeys, calls } from "@/db/schema";
import { AppError, invalidRequest } from "@/lib/errors";
import { addDays, billingDayStart } from "@/lib/time/billing-day";
import { parseDayRange } from "./range";
import type { UsageScope } from "./scope";
import { isLocalEngineUsage, type CallPage, type CallView } from "./types";

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

/**
 * Query-string filters of the call list and the CSV. The range goes through the one range parser
 * (`parseDayRange`): `firstDay` is the key's first call, which may reach past 400 days back.
 */
export function parseCallFilters(
  params: URLSearchParams,
  today: string,
  firstDay: string | null = null,
): CallFilters & { limit: number; cursor?: string } {
  const schema = z.object({
    kind: z.enum(["image", "chat"]).optional(),
    status: z.enum(["ok", "failed"]).optional(),
    error_code: z.string().regex(/^[a-z0-9_]{1,64}$/, "must be an error code such as image_daily_limit").optional(),
    size: z.string().regex(/^\d{3,4}x\d{3,4}$/, "must be a size such as 1024x1024").optional(),
    quality: z.enum(["low", "medium", "high"]).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    cursor: z.string().max(200).optional(),
  });
  const raw = Object.fromEntries([...params].filter(([k, v]) => v !== "" && k !== "from" && k !== "to"));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "query");
    throw invalidRequest(`Invalid ${field}: ${issue.message}`, field);
  }
  const p = parsed.data;
  const { from, to } = parseDayRange(params, { today, firstDay });
  return {
    from,
    to,
    kind: p.kind,
    status: p.status,
    errorCode: p.error_code,
    size: p.size,
    quality: p.quality,
    limit: p.limit,
    cursor: p.cursor,
  };
}

/**
 * The keyset cursor: the last row's created_at (the exact UTC instant, microseconds) and id.
 * Cursors come back from clients, so they are parsed like any input: a crafted one is a 400,
 * never a query that fails in the database.
 */
const cursorSchema = z
  .object({
    // Exactly what encodeCursor writes; no ledger row predates 1970.
    t: z.iso.datetime({ precision: 6 }).refine((t) => Date.parse(t) >= 0),
    i: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
type Cursor = z.infer<typeof cursorSchema>;

const invalidCursor = () =>
  new AppError(400, "invalid_request_error", "invalid_cursor", "Invalid cursor: pass the nextCursor of the previous page", "cursor");

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(s: string): Cursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
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
    demoEngine: isLocalEngineUsage(c.upstreamUsage),
    keyAlias,
  };
}
