import type { Locale } from "@/lib/i18n/locale.client";
import { zh } from "./dictionary-zh";

/** Every string of the usage page, English and Chinese. `{name}` placeholders are filled by fmt(). */
const en = {
  /** The language of this catalogue (for helpers that take a locale). */
  lang: "en",
  title: "Usage",
  pageTitle: "Usage · imgledger",
  subtitle: "What your API key used, what it cost, and why calls failed. Days are Beijing time (UTC+8).",
  formTitle: "Check your usage",
  formIntro: "Paste an API key to see its limits, its calls and their costs. No sign-in needed.",

  // range
  rangeLabel: "Range",
  range7: "7 days",
  range30: "30 days",
  range90: "90 days",
  rangeCustom: "Custom",
  rangeApply: "Apply",
  rangeBounds: "From {min} (the key's first call, or 400 days back) to {max}",
  rangeInvalid: "Pick a start on or before the end, between {min} and {max}.",

  // blocked key
  bannerTitle: "Every new call of this key is refused",
  bannerDisabled: "The key is disabled (calls answer 401 invalid_api_key).",
  bannerDisabledSince: "The key is disabled, since {since} (calls answer 401 invalid_api_key).",
  bannerExpired: "The key expired on {date} (calls answer 401 key_expired).",
  bannerTotalCost: "Its total cost limit of {limit} is reached, since {since} (calls answer 429 crs_total_exhausted).",
  bannerDailyCost: "Today's cost limit of {limit} is reached, since {since} (calls answer 429 crs_daily_exhausted).",
  bannerDailyImages: "Today's {cap} images are used up, since {since} (calls answer 429 image_daily_limit).",
  bannerDoDisabled: "What to do: ask support to re-enable the key or to issue a new one.",
  bannerDoExpired: "What to do: ask support to extend the key or to issue a new one.",
  bannerDoTotal: "What to do: ask support to raise the total cost limit.",
  statusBlocked: "stopped by a limit",
  bannerWaitMidnight: "What to do: wait until 00:00 Beijing time ({local} your time), or ask support to raise the limit.",
  sinceUnknown: "today",

  // the limit nearest to stopping calls, said plainly
  nextDailyImages: "Daily images will run out first ({left} of {cap} left).",
  nextConcurrency: "Concurrent calls are the closest limit ({used} of {cap} running).",
  nextDailyCost: "Today's cost limit will be reached first ({left} of {limit} left).",
  nextTotalCost: "The total cost limit will be reached first ({left} of {limit} left).",

  // money
  fxNote: "Amounts are in USD; ≈ ¥ uses {rate} CNY per USD (a display rate: billing stays in USD).",

  // qualities
  qLow: "low",
  qMedium: "medium",
  qHigh: "high",
  refresh: "Refresh",
  updatedAt: "Updated {time}",

  // key status
  statusActive: "active",
  statusDisabled: "disabled",
  statusExpired: "expired",
  temporaryLimits: "Temporary limits are in force until {time}.",

  // cards
  cardImagesToday: "Images today",
  cardConcurrency: "In flight",
  cardDailyCost: "Cost today",
  cardTotalCost: "Total cost",
  reserved: "{n} reserved by calls in progress",
  resetsIn: "Resets in {time}",
  resetsAt: "at 00:00 Beijing time (UTC+8)",
  dailyCostFoot: "Resets at 00:00 Beijing time (UTC+8)",
  concurrencyHint: "calls running now / concurrent calls allowed",
  noLimit: "no limit",
  ofLimit: "of {limit}",
  allTime: "since the key was created",
  cardKey: "Key",
  alias: "Alias",
  expires: "Expires",
  never: "never",
  created: "Created",
  lastUsed: "Last used",
  neverUsed: "never",
  totalsTitle: "Totals",
  totalsRange: "{from} – {to}, Beijing days",
  totalCalls: "Calls",
  totalImages: "Images",
  totalCost: "Cost",
  totalFailed: "Failed calls",
  imageChatSplit: "{image} image · {chat} chat",
  failedRate: "{pct} of calls",
  avgPerImage: "Average per image",
  noFailures: "No failed calls",

  // charts
  chartsTitle: "Trends",
  dailyTitle: "Daily usage",
  images: "Images",
  cost: "Cost",
  dayAxis: "Day (Asia/Shanghai)",
  imagesAxis: "Images",
  costAxis: "Cost (USD)",
  failedAxis: "Failed calls",
  total: "Total",
  chat: "chat",
  dailyEmpty: "No calls in this range.",
  breakdownTitle: "Size × quality",
  breakdownSubtitle: "Billed image calls of the range",
  breakdownExcluded: "Not in this table: {n} failed image calls (a failed call bills nothing, so has no billed size). Billed {billed} + failed {n} = {total} image calls, as in the totals.",
  sizeAxis: "Size",
  qualityAxis: "Quality",
  breakdownEmpty: "No billed image calls in this range.",
  share: "Share of cost",
  calls: "Calls",
  errorsTitle: "Failed calls",
  errorsSubtitle: "Per day (Asia/Shanghai), by error code",
  errorsEmpty: "No failed calls in this range.",
  groupLimits: "Your limit",
  groupService: "Service",
  groupRequest: "Your request",
  groupClosed: "You closed the connection",
  groupLimitsHint: "a limit of this key was reached",
  groupServiceHint: "our side or the image provider; not billed",
  groupRequestHint: "the request was refused as sent",
  groupClosedHint: "your client left before the answer; not billed",

  // call list
  callsTitle: "Calls",
  filterFrom: "From",
  filterTo: "To",
  filterKind: "Kind",
  filterStatus: "Status",
  filterError: "Error code",
  filterSize: "Size",
  filterQuality: "Quality",
  any: "Any",
  kindImage: "image",
  kindChat: "chat",
  statusOk: "succeeded",
  statusFailed: "failed",
  resetFilters: "Reset filters",
  colTime: "Time (UTC+8)",
  colKind: "Kind",
  colModel: "Model",
  colSize: "Size",
  colQuality: "Quality",
  colN: "n",
  colImages: "Images",
  colCost: "Cost",
  colStatus: "Status",
  colLatency: "Latency",
  ok: "OK",
  loadMore: "Load more",
  shownCount: "{n} calls shown",
  allShown: "All {n} matching calls shown.",
  noCalls: "No calls match these filters.",
  openDetail: "Details of call {id}",
  rangeHint: "Calls of the range {from} – {to}",
  skipToPager: "Skip the call rows to the pager",
  demoEngine: "demo engine",
  demoEngineHint: "Made by the built-in preview engine (no image provider configured): a placeholder, not real spend.",

  // detail
  detailTitle: "Call details",
  close: "Close",
  requestId: "Request id",
  copy: "Copy",
  copied: "Copied",
  costArithmetic: "How the cost was computed",
  ruleFloor: "floor applied",
  ruleUnit: "unit price",
  ruleNotBilled: "not billed",
  ruleFloorHint: "The unit price is below the $0.08 per-image floor, so the floor was billed.",
  ruleUnitHint: "The unit price is above the $0.08 floor, so the unit price was billed.",
  ruleNotBilledHint: "Failed calls are never billed.",
  wordImage: "image",
  wordImages: "images",
  wordFloor: "floor",
  wordNotBilled: "not billed",
  fEngine: "Engine",
  engineUpstream: "image provider",
  chatCost: "Chat calls are priced by the gateway that served them: {cost} for {input} input and {output} output tokens.",
  fTime: "Time (UTC+8)",
  fTimeUtc: "Time (UTC)",
  fBillingDay: "Billing day",
  fKind: "Kind",
  fModel: "Model",
  fSize: "Size",
  fQuality: "Quality",
  fN: "Images requested (n)",
  fDelivered: "Images delivered",
  fHttp: "HTTP status",
  fError: "Error code",
  fCost: "Billed",
  fUnit: "Unit price",
  fFloor: "Floor per image",
  fPriceVersion: "Price book version",
  fLatency: "Latency",
  fRegion: "Region",
  fPrompt: "Prompt (first 120 characters)",
  fTokens: "Tokens (input / output)",
  fKey: "Key",

  // csv
  downloadCsv: "Download CSV",
  downloading: "Downloading… {size}",
  downloaded: "Downloaded {rows} calls",
  csvHint: "All calls matching the filters, times in UTC+8",

  // errors
  loading: "Loading…",
  errUnauthorized: "Key not recognised: no API key matches it. Check that you pasted the whole key.",
  errRateLimited: "Too many requests from your address. Retrying in {s} s.",
  errRateLimitedNow: "Too many requests from your address. Try again now.",
  errRateLimitedWait: "Too many requests from your address. Try again in {s} s.",
  errNetwork: "The usage service could not be reached. Check your connection.",
  errServer: "Something went wrong on our side ({status}). Please try again.",
  errBadRequest: "The request was refused: {message}",
  retry: "Try again",
  changeKey: "Change key",
  forgetKey: "Forget key",
} as const;

export type UsageStrings = { [K in keyof typeof en]: string };

export const USAGE_STRINGS: Record<Locale, UsageStrings> = { en, zh };

/** A quality's name in the page's language; unknown qualities (imports) show as sent. */
export function qualityLabel(t: UsageStrings, q: string | null): string {
  if (q === "low") return t.qLow;
  if (q === "medium") return t.qMedium;
  if (q === "high") return t.qHigh;
  return q ?? "–";
}

export function qualityLabels(t: UsageStrings): Record<string, string> {
  return { low: t.qLow, medium: t.qMedium, high: t.qHigh };
}
