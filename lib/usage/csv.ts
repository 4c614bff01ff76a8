import "server-only";
import type { DbOrTx } from "@/db";
import { usdDecimal } from "@/lib/pricing/format";
import { BILLING_TZ, BILLING_UTC_OFFSET, beijingWallClock } from "@/lib/time/billing-day";
import { listCalls, type CallFilters } from "./calls";
import type { UsageScope } from "./scope";
import type { CallView } from "./types";

const HEADER = [
  `time (${BILLING_TZ} UTC+8)`,
  "key",
  "kind",
  "model",
  "size",
  "quality",
  "n",
  "images",
  "unit_price_micros",
  "unit_price_usd",
  "floor_applied",
  "billed_micros",
  "billed_usd",
  "http_status",
  "error_code",
  "latency_ms",
  "request_id",
  "engine",
];
const BATCH = 1000;

/** 2026-11-24T15:59:59.123Z → "2026-11-24 23:59:59.123+08:00" */
export function beijingTimestamp(iso: string): string {
  const wall = beijingWallClock(iso);
  return `${wall.slice(0, 10)} ${wall.slice(11, 23)}${BILLING_UTC_OFFSET}`;
}

/**
 * Text a spreadsheet would run as a formula: starting (after any spaces) with = + - @, a tab or
 * a carriage return (OWASP "CSV injection"). Numbers the app writes are passed as numbers and
 * never neutralised; every text cell is, so "-2+3+cmd|…" in a request id cannot slip through.
 */
const FORMULA_START = /^ *[=+\-@\t\r]/;

/** One CSV cell: formulas neutralised with a leading single quote, then quoted when needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  const safe = typeof value === "string" && FORMULA_START.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (no line end). Every CSV the app writes is built from these two functions. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}

/** The signed-in export's extra column: which key of the account made the call, by its alias. */
const ALIAS_HEADER = "key_alias";

export type CsvOptions = { withAlias?: boolean };

export function csvHeader(opts: CsvOptions = {}): string {
  return csvLine(opts.withAlias ? [...HEADER.slice(0, 2), ALIAS_HEADER, ...HEADER.slice(2)] : HEADER);
}

export function csvRow(c: CallView, opts: CsvOptions = {}): string {
  return csvLine([
    beijingTimestamp(c.createdAt),
    c.keyDisplay,
    ...(opts.withAlias ? [c.keyAlias] : []),
    c.kind,
    c.model,
    c.size,
    c.quality,
    c.n,
    c.imagesDelivered,
    c.unitPriceMicros,
    c.unitPriceMicros === null ? null : usdDecimal(c.unitPriceMicros),
    c.floorApplied === null ? "" : c.floorApplied ? "yes" : "no",
    // Exact micro-USD to reconcile with; the USD column is the page's figure (same rounding).
    c.costMicros,
    usdDecimal(c.costMicros),
    c.httpStatus,
    c.errorCode,
    c.latencyMs,
    c.requestId,
    c.demoEngine ? "demo" : "",
  ]);
}

/**
 * The whole filtered range as CSV (UTF-8 with BOM so spreadsheets read Chinese), streamed in
 * keyset batches: memory stays flat however many calls the range holds.
 */
export function streamCallsCsv(db: DbOrTx, scope: UsageScope, filters: CallFilters, opts: CsvOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvHeader(opts)}\r\n`));
        return;
      }
      const page = await listCalls(db, scope, filters, { limit: BATCH, cursor });
      if (page.calls.length) controller.enqueue(encoder.encode(page.calls.map((c) => csvRow(c, opts)).join("\r\n") + "\r\n"));
      cursor = page.nextCursor ?? undefined;
      // Close in the same pull: a pull that enqueues nothing is not called again, so an empty
      // range would otherwise leave the download hanging after its header.
      if (!cursor) controller.close();
    },
  });
}

/**
 * A CSV download of a scope's calls: the signed-in exports carry the key alias column, so rows of
 * an account's several keys can be told apart.
 */
export function csvResponse(db: DbOrTx, scope: UsageScope, filters: CallFilters, filename: string): Response {
  return new Response(streamCallsCsv(db, scope, filters, { withAlias: true }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    },
  });
}
