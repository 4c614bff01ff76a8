"use client";
import { fmt } from "@/lib/i18n/locale.client";
import type { AccountOverview, Alert } from "@/lib/usage/types";
import { beijingDate, beijingMinute, formatCount } from "../usage/format.client";
import type { DashboardStrings } from "./dictionary";
import { Money, moneyText, type Fx } from "./money";
import { StatCard } from "../_components/stat-card";
import styles from "./dashboard.module.css";

/** The overview's cards: last used, today, this month with its projection, the range, all time, images today. */
export function OverviewCards({ o, t }: { o: AccountOverview; t: DashboardStrings }) {
  const fx = o.fx;
  const imagesPct = o.today.imageCap > 0 ? Math.min(100, (o.today.images / o.today.imageCap) * 100) : 0;
  return (
    <div className={styles.cards} data-testid="overview-cards">
      <StatCard
        testId="card-last-used"
        label={t.lastUsed}
        value={o.lastUsed ? beijingMinute(o.lastUsed.at) : t.neverUsed}
        sub={
          o.lastUsed && (
            <>
              {fmt(t.lastUsedBy, { key: o.lastUsed.alias })} <code>{o.lastUsed.display}</code> · UTC+8
            </>
          )
        }
      />
      <StatCard testId="card-today" label={t.todayCost} value={<Money micros={o.today.costMicros} fx={fx} testId="today-cost" />} sub={o.today.day} />
      <StatCard
        testId="card-month"
        label={fmt(t.monthCost, { month: o.monthToDate.month })}
        value={<Money micros={o.monthToDate.costMicros} fx={fx} testId="month-cost" />}
      >
        <div className="subtle small" title={fmt(t.projectedHint, { days: o.monthToDate.daysLeft })} data-testid="month-projection">
          {fmt(t.projected, { amount: moneyText(o.monthToDate.projectedMicros, fx) })}
        </div>
      </StatCard>
      <StatCard
        testId="card-range"
        label={t.rangeCost}
        value={<Money micros={o.summary.costMicros} fx={fx} testId="range-cost" />}
        sub={fmt(t.rangeSplit, { image: moneyText(o.summary.imageCostMicros, null), chat: moneyText(o.summary.chatCostMicros, null) })}
      />
      <StatCard testId="card-all-time" label={t.allTimeCost} value={<Money micros={o.allTimeCostMicros} fx={fx} testId="all-time-cost" />} />
      <StatCard
        testId="card-images-today"
        label={t.imagesToday}
        valueTestId="images-today"
        value={
          <>
            {formatCount(o.today.images)} <span className="stat-limit">/ {formatCount(o.today.imageCap)}</span>
          </>
        }
        sub={fmt(t.imagesTodayCap, { cap: formatCount(o.today.imageCap) })}
      >
        <div className="progress" aria-hidden>
          <span style={{ width: `${imagesPct}%` }} />
        </div>
      </StatCard>
    </div>
  );
}

export function limitName(limit: "daily_images" | "daily_cost" | "total_cost" | "concurrency", t: DashboardStrings): string {
  return { daily_images: t.limitDailyImages, daily_cost: t.limitDailyCost, total_cost: t.limitTotalCost, concurrency: t.limitConcurrency }[limit];
}

function alertText(a: Alert, t: DashboardStrings, fx: Fx): string {
  if (a.kind === "expiring") return fmt(t.alertExpiring, { key: a.alias, date: `${beijingDate(a.expiresAt)} ${beijingMinute(a.expiresAt).slice(11)} UTC+8` });
  if (a.kind === "unusable") {
    const template = {
      disabled: t.alertDisabled,
      expired: t.alertExpired,
      total_cost: t.alertExhaustedTotal,
      daily_images: t.alertExhaustedImages,
      daily_cost: t.alertExhaustedCost,
    }[a.reason];
    return fmt(template, { key: a.alias });
  }
  const value = (n: number) => (a.limit === "daily_images" ? formatCount(n) : moneyText(n, fx));
  return fmt(a.level === 100 ? t.alertUsage100 : t.alertUsage80, {
    key: a.alias,
    limit: limitName(a.limit, t),
    pct: Math.floor((a.used / a.cap) * 100),
    used: value(a.used),
    cap: value(a.cap),
  });
}

/** Keys near or at a limit, keys that can make no call and why, keys expiring within 7 days. */
export function Alerts({ alerts, t, fx }: { alerts: Alert[]; t: DashboardStrings; fx: Fx }) {
  if (alerts.length === 0) return null;
  return (
    <section aria-label={t.alerts} className={styles.alerts} data-testid="alerts">
      {alerts.map((a, i) => (
        <div
          key={`${a.kind}-${a.keyId}-${i}`}
          className={`notice ${a.kind === "unusable" || (a.kind === "usage" && a.level === 100) ? "error" : "warn"}`}
          role="status"
          data-alert={a.kind}
        >
          {alertText(a, t, fx)}
        </div>
      ))}
    </section>
  );
}
