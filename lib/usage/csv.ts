import "server-only";
import type { DbOrTx } from "@/db";
import { microsToUsdString } from "@/lib/pricing/format";
import { listCalls, type CallFilters } from "./calls";
import type { UsageScope } from "./scope";
import type { CallView } from "./types";

const HEADER = [
  "time (Asia/Shanghai UTC+8)",
  "key",
  "kind",
  "model",
  "size",
  "quality",
  "n",
  "images",
  "unit_price_usd",
  "floor_applied",
  "billed_usd",
  "http_status",
  "error_code",
  "latency_ms",
  "request_id",
];
const BATCH = 1000;

/** 2026-11-24T15:59:59.123Z → "2026-11-24 23:59:59.123+08:00" */
export function beijingTimestamp(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 23)}+08:00`;
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  // Quote when needed; a leading = + - @ is neutralised so spreadsheets don't run it as a formula.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line of any table (the audit export too), with the same quoting and formula guard. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(cell).join(",");
}

export function csvRow(c: CallView): string {
  return [
    beijingTimestamp(c.createdAt),
    c.keyDisplay,
    c.kind,
    c.model,
    c.size,
    c.quality,
    c.n,
    c.imagesDelivered,
    c.unitPriceMicros === null ? null : microsToUsdString(c.unitPriceMicros),
    c.floorApplied === null ? "" : c.floorApplied ? "yes" : "no",
    microsToUsdString(c.costMicros),
    c.httpStatus,
    c.errorCode,
    c.latencyMs,
    c.requestId,
  ]
    .map(cell)
    .join(",");
}

/**
 * The whole filtered range as CSV (UTF-8 with BOM so spreadsheets read Chinese), streamed in
 * keyset batches: memory stays flat however many calls the range holds.
 */
export function streamCallsCsv(db: DbOrTx, scope: UsageScope, filters: CallFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${HEADER.map(cell).join(",")}\r\n`));
        return;
      }
      if (done) return controller.close();
      const page = await listCalls(db, scope, filters, { limit: BATCH, cursor });
      if (page.calls.length) controller.enqueue(encoder.encode(page.calls.map(csvRow).join("\r\n") + "\r\n"));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) done = true;
    },
  });
}
