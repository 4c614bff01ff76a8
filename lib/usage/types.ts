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
  /** For a disabled key, when it was disabled (its audited status change), if recorded. */
  disabledSince: string | null;
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
  /** What `days` holds: billing days (the default), or hours for short ranges. */
  bucket?: Bucket;
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
  bucket?: Bucket;
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
  keyAlias: string;
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
/** One key of an account, as the dashboard's keys table shows it. */
export type KeyRow = {
  id: number;
  alias: string;
  display: string;
  status: KeyStatus;
  expiresAt: string | null;
  lastUsedAt: string | null;
  imagesToday: number;
  costTodayMicros: number;
  inFlight: number;
  rangeCostMicros: number;
  spentTotalMicros: number;
  /** Limits in force now (temporary raises included). */
  dailyImageCap: number;
  concurrencyCap: number;
  dailyCostLimitMicros: number | null;
  totalCostLimitMicros: number | null;
  temporaryUntil: string | null;
  /** The limit that will stop calls first (highest use ratio), if any is in use. */
  binding: LimitName | null;
};

/** Image and chat models side by side. */
export type ModelRow = {
  model: string;
  kind: "image" | "chat";
  calls: number;
  images: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
};

export type RegionRow = { region: string; calls: number; costMicros: number };

/** Time buckets: billing days, or hours ("YYYY-MM-DD HH:00", Beijing time) for ranges of 2 days or less. */
export type Bucket = "day" | "hour";

export type ModelSeries = {
  timeZone: "Asia/Shanghai";
  bucket: Bucket;
  days: string[];
  models: { model: string; kind: "image" | "chat"; costMicros: number[]; total: number }[];
};

export type MonthStatement = {
  /** Beijing calendar month, YYYY-MM. */
  month: string;
  calls: number;
  images: number;
  imageCostMicros: number;
  chatCostMicros: number;
  costMicros: number;
  /** Price-book versions that priced the month's image calls. */
  priceBookVersions: number[];
};

export type MonthToDate = {
  month: string;
  costMicros: number;
  /** Average daily cost of the last 7 billing days, today included. */
  runRateMicros: number;
  /** This month's cost so far plus the run rate for each day left in the month. */
  projectedMicros: number;
  daysLeft: number;
};

export type Alert =
  | { kind: "usage"; keyId: number; alias: string; limit: "daily_images" | "daily_cost" | "total_cost"; level: 80 | 100; used: number; cap: number }
  | { kind: "unusable"; keyId: number; alias: string; reason: "disabled" | "expired" | "total_cost" | "daily_images" | "daily_cost" }
  | { kind: "expiring"; keyId: number; alias: string; expiresAt: string };

export type AccountOverview = {
  account: { id: number; name: string; currency: "USD" | "CNY" };
  /** For accounts settling in CNY: the yuan-per-dollar rate of the `≈ ¥` figures (display only). */
  fx: { currency: "CNY"; rate: number } | null;
  from: string;
  to: string;
  bucket: Bucket;
  today: { day: string; costMicros: number; images: number; imageCap: number };
  monthToDate: MonthToDate;
  allTimeCostMicros: number;
  lastUsed: { keyId: number; alias: string; display: string; at: string } | null;
  summary: Summary;
  keys: KeyRow[];
  models: ModelRow[];
  regions: RegionRow[];
  daily: DailySeries;
  costByModel: ModelSeries;
  errors: ErrorSeries;
  alerts: Alert[];
};

/** The dashboard's range choices; "custom" reads `from`/`to`. Presets stay relative to today when bookmarked. */
export const RANGE_PRESETS = ["7d", "30d", "90d", "month", "last-month", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
