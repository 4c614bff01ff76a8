/**
 * The JSON contract of the usage read models, shared by the API routes and the pages.
 * Client-safe. Money is integer micro-USD; days are billing days (Asia/Shanghai) as YYYY-MM-DD;
 * instants are ISO 8601 UTC strings.
 */
import type { BILLING_TZ } from "@/lib/time/billing-day";
export type KeyStatus = "active" | "disabled" | "expired";

export type KeyInfo = {
  display: string;
  alias: string;
  status: KeyStatus;
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
};

export type LimitName = "daily_images" | "concurrency" | "daily_cost" | "total_cost";

export type Today = {
  day: string;
  /** Next midnight Beijing time. */
  nextResetAt: string;
  imagesUsed: number;
  imagesReserved: number;
  dailyImageCap: number;
  inFlight: number;
  concurrencyCap: number;
  costTodayMicros: number;
  dailyCostLimitMicros: number | null;
  totalCostMicros: number;
  totalCostLimitMicros: number | null;
  /** Temporary limits in force until then. */
  temporaryUntil: string | null;
  /** The limit closest to binding (highest use ratio), if any is above 0. */
  binding: LimitName | null;
  /** The limit that refuses every new call right now (reached, or leaves no room for one image), if any. */
  blockedBy: Exclude<LimitName, "concurrency"> | null;
  /** When that limit was reached: the end of the last billed call that used it up. */
  blockedSince: string | null;
};

export type ErrorCount = { code: string; group: ErrorGroup; calls: number };

export type Summary = {
  from: string;
  to: string;
  days: number;
  calls: number;
  okCalls: number;
  failedCalls: number;
  images: number;
  costMicros: number;
  imageCostMicros: number;
  chatCostMicros: number;
  imageCalls: number;
  chatCalls: number;
  failedByCode: ErrorCount[];
  lastUsedAt: string | null;
};

export type Series = { images: number[]; costMicros: number[]; calls: number[] };

export type DailySeries = {
  timeZone: typeof BILLING_TZ;
  days: string[];
  /** Image calls by quality ("low" | "medium" | "high"). */
  byQuality: Record<string, Series>;
  /** Image calls by size. */
  bySize: Record<string, Series>;
  /** Chat calls. */
  chat: Series;
  /** All calls. */
  totals: Series;
};

export type BreakdownCell = {
  size: string;
  quality: string;
  calls: number;
  images: number;
  costMicros: number;
  /** Share of the image cost, 0..1. */
  share: number;
};

export type Breakdown = {
  from: string;
  to: string;
  sizes: string[];
  qualities: string[];
  cells: BreakdownCell[];
  totalCostMicros: number;
  /** Image calls left out of the matrix (they failed, so have no billable size), by error code. */
  excluded: { code: string; calls: number }[];
};

/**
 * "limits": the key's own limits; "service": ours or upstream's; "request": the caller's request;
 * "closed": the caller closed the connection before the answer.
 */
export type ErrorGroup = "limits" | "service" | "request" | "closed";

export type ErrorSeries = {
  timeZone: typeof BILLING_TZ;
  days: string[];
  codes: { code: string; group: ErrorGroup; counts: number[]; total: number }[];
};

export type CallView = {
  requestId: string;
  createdAt: string;
  billingDay: string;
  kind: "image" | "chat";
  model: string;
  size: string | null;
  quality: string | null;
  n: number;
  imagesDelivered: number;
  httpStatus: number;
  errorCode: string | null;
  costMicros: number;
  unitPriceMicros: number | null;
  floorMicros: number | null;
  priceVersion: number | null;
  /** True when the floor decided the price; null when not billed or not an image call. */
  floorApplied: boolean | null;
  latencyMs: number;
  region: string | null;
  promptPreview: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  keyDisplay: string;
  /** Made by the built-in local preview engine (no upstream configured): billed, but not real spend. */
  demoEngine: boolean;
};

export type CallPage = { calls: CallView[]; nextCursor: string | null };

export type Overview = {
  key: KeyInfo;
  today: Today;
  summary: Summary;
  daily: DailySeries;
  breakdown: Breakdown;
  errors: ErrorSeries;
  /** Billing day of the key's first call: how far back a custom range may reach. */
  firstCallDay?: string | null;
  /** The account's settlement currency and the display rate for "≈ ¥…". */
  settlement?: Settlement;
};

export type Settlement = { currency: "USD" | "CNY"; usdCny: number };

export const LIMIT_ERROR_CODES = ["image_daily_limit", "concurrency_exhausted", "crs_daily_exhausted", "crs_total_exhausted"];
export const SERVICE_ERROR_CODES = ["service_overloaded", "image_provider_unavailable", "internal_error"];

export function errorGroup(code: string): ErrorGroup {
  if (LIMIT_ERROR_CODES.includes(code)) return "limits";
  if (SERVICE_ERROR_CODES.includes(code)) return "service";
  if (code === "client_closed") return "closed";
  return "request";
}

/** Every error code the ledger may hold: the reference's, plus the gateway's own request errors. */
export const KNOWN_ERROR_CODES = [
  "invalid_api_key",
  "key_expired",
  "unsupported_size",
  "crs_daily_exhausted",
  "crs_total_exhausted",
  "image_daily_limit",
  "concurrency_exhausted",
  "service_overloaded",
  "image_provider_unavailable",
  "invalid_request_error",
  "client_closed",
] as const;

export const ERROR_GROUPS: ErrorGroup[] = ["limits", "request", "service", "closed"];

/**
 * What the gateway stores as `upstream_usage` for an image made by the built-in local preview
 * engine. A real upstream's usage block is kept verbatim and never carries this namespaced key,
 * so the mark tells demo images from real spend exactly, without a schema change.
 */
export const LOCAL_ENGINE_USAGE = { imgledger_engine: "local" } as const;

export function isLocalEngineUsage(usage: unknown): boolean {
  return typeof usage === "object" && usage !== null && (usage as Record<string, unknown>).imgledger_engine === "local";
}
