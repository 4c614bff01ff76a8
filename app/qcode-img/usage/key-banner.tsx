"use client";
import { fmt } from "@/lib/i18n/locale.client";
import { formatCnyApprox, formatUsd } from "@/lib/pricing/format";
import type { KeyInfo, Settlement, Today } from "@/lib/usage/types";
import type { UsageStrings } from "./dictionary";
import { beijingMinute, formatCount, localMinute } from "./format.client";

/** An amount in USD, with "≈ ¥…" beside it for an account that settles in CNY. */
export function Money({ micros, settlement }: { micros: number; settlement?: Settlement }) {
  if (settlement?.currency !== "CNY") return <>{formatUsd(micros)}</>;
  return (
    <>
      {formatUsd(micros)} <span className="subtle cny">{formatCnyApprox(micros, settlement.usdCny)}</span>
    </>
  );
}

/** A money figure as plain text (for sentences and attributes). */
export function moneyText(micros: number, settlement?: Settlement): string {
  return settlement?.currency === "CNY" ? `${formatUsd(micros)} (${formatCnyApprox(micros, settlement.usdCny)})` : formatUsd(micros);
}

/**
 * Says plainly when a key cannot call at all: which limit stops it, since when, and what to do.
 * Concurrency never blocks for long, so it is not a reason here.
 */
export function KeyBanner({ info, today, settlement, t }: { info: KeyInfo; today: Today; settlement?: Settlement; t: UsageStrings }) {
  const at = (iso: string | null) => (iso ? `${beijingMinute(iso)} UTC+8` : t.sinceUnknown);
  let reason: string | null = null;
  let todo = "";
  const untilMidnight = fmt(t.bannerWaitMidnight, { local: localMinute(today.nextResetAt) });
  if (info.status === "disabled") {
    reason = today.disabledSince ? fmt(t.bannerDisabledSince, { since: at(today.disabledSince) }) : t.bannerDisabled;
    todo = t.bannerDoDisabled;
  }
  else if (info.status === "expired") [reason, todo] = [fmt(t.bannerExpired, { date: at(info.expiresAt) }), t.bannerDoExpired];
  else if (today.blockedBy === "total_cost") {
    reason = fmt(t.bannerTotalCost, { limit: moneyText(today.totalCostLimitMicros ?? 0, settlement), since: at(today.blockedSince) });
    todo = t.bannerDoTotal;
  } else if (today.blockedBy === "daily_cost") {
    reason = fmt(t.bannerDailyCost, { limit: moneyText(today.dailyCostLimitMicros ?? 0, settlement), since: at(today.blockedSince) });
    todo = untilMidnight;
  } else if (today.blockedBy === "daily_images") {
    reason = fmt(t.bannerDailyImages, { cap: formatCount(today.dailyImageCap), since: at(today.blockedSince) });
    todo = untilMidnight;
  }
  return (
    <>
      {reason && (
        <div className="notice error key-banner" role="status" data-testid="key-banner">
          <strong>{t.bannerTitle}</strong>
          <div>{reason}</div>
          <div>{todo}</div>
        </div>
      )}
      {today.temporaryUntil && (
        <p className="notice" role="status">
          {fmt(t.temporaryLimits, { time: `${beijingMinute(today.temporaryUntil)} UTC+8` })}
        </p>
      )}
    </>
  );
}

/**
 * The limit nearest to stopping calls, as a plain sentence: neutral until the limit is near
 * (80 %), a warning after. Nothing when no limit is in use or the key is already blocked.
 */
export function NextLimitNote({ today, settlement, t }: { today: Today; settlement?: Settlement; t: UsageStrings }) {
  if (!today.binding || today.blockedBy) return null;
  let text: string;
  let ratio: number;
  switch (today.binding) {
    case "daily_images": {
      const used = today.imagesUsed + today.imagesReserved;
      ratio = used / today.dailyImageCap;
      text = fmt(t.nextDailyImages, { left: formatCount(Math.max(0, today.dailyImageCap - used)), cap: formatCount(today.dailyImageCap) });
      break;
    }
    case "concurrency":
      ratio = today.inFlight / today.concurrencyCap;
      text = fmt(t.nextConcurrency, { used: formatCount(today.inFlight), cap: formatCount(today.concurrencyCap) });
      break;
    case "daily_cost": {
      const limit = today.dailyCostLimitMicros ?? 0;
      ratio = limit > 0 ? today.costTodayMicros / limit : 1;
      text = fmt(t.nextDailyCost, { left: moneyText(Math.max(0, limit - today.costTodayMicros), settlement), limit: moneyText(limit, settlement) });
      break;
    }
    case "total_cost": {
      const limit = today.totalCostLimitMicros ?? 0;
      ratio = limit > 0 ? today.totalCostMicros / limit : 1;
      text = fmt(t.nextTotalCost, { left: moneyText(Math.max(0, limit - today.totalCostMicros), settlement), limit: moneyText(limit, settlement) });
      break;
    }
  }
  return (
    <p className={`next-limit${ratio >= 0.8 ? " near" : ""}`} data-testid="next-limit">
      {text}
    </p>
  );
}
