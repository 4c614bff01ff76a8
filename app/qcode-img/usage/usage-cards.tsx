"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import type { Locale } from "@/lib/i18n/locale.client";
import { formatUsd } from "@/lib/pricing/format";
import type { KeyInfo, LimitName, Settlement, Summary, Today } from "@/lib/usage/types";
import { explainError } from "../_components/error-codes";
import type { UsageStrings } from "./dictionary";
import { beijingDate, beijingMinute, countdown, formatCount, formatPercent } from "./format.client";
import { Money } from "./key-banner";

/** Ticks every second until `at`, then calls `onElapsed` once (the daily counters have reset). */
function Countdown({ at, onElapsed, t }: { at: string; onElapsed: () => void; t: UsageStrings }) {
  const [now, setNow] = useState(() => Date.now());
  const fired = useRef(false);
  const target = Date.parse(at);
  useEffect(() => {
    fired.current = false;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [at]);
  useEffect(() => {
    if (now >= target && !fired.current) {
      fired.current = true;
      onElapsed();
    }
  }, [now, target, onElapsed]);
  return (
    <span className="countdown" data-testid="reset-countdown">
      {fmt(t.resetsIn, { time: countdown(target - now) })} <span className="subtle">{t.resetsAt}</span>
    </span>
  );
}

function LimitCard({
  noLimit,
  title,
  used,
  limit,
  ratio,
  binding,
  children,
  testId,
}: {
  title: string;
  used: ReactNode;
  /** null: no limit. */
  limit: ReactNode | null;
  ratio: number | null;
  binding: boolean;
  children?: ReactNode;
  testId: string;
  noLimit: string;
}) {
  const pct = ratio === null ? 0 : Math.min(1, ratio);
  const tone = ratio === null ? "" : ratio >= 1 ? "danger" : ratio >= 0.8 ? "warn" : "";
  // The nearest limit is highlighted only once it is actually near (80 %); before that the
  // sentence under the cards says which one it is, in neutral style.
  const near = binding && ratio !== null && ratio >= 0.8;
  return (
    <section className={`card limit-card${near ? " binding" : ""}`} data-testid={testId} aria-label={title}>
      <div className="limit-card-head">
        <span className="stat-label">{title}</span>
      </div>
      <div className="stat-value" data-testid={`${testId}-value`}>
        {used}
        {limit !== null && <span className="stat-limit"> / {limit}</span>}
      </div>
      {limit === null ? (
        <div className="progress none" aria-hidden>
          <span style={{ width: 0 }} />
        </div>
      ) : (
        <div
          className={`progress ${tone}`}
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(pct * 100)}
          aria-label={title}
        >
          <span style={{ width: `${pct * 100}%` }} />
        </div>
      )}
      <div className="subtle small limit-foot">{limit === null ? noLimit : children}</div>
    </section>
  );
}

const ratioOf = (used: number, limit: number | null) => (limit === null ? null : limit <= 0 ? 1 : used / limit);

export function LimitCards({ today, t, onReset, settlement }: { today: Today; t: UsageStrings; onReset: () => void; settlement?: Settlement }) {
  const b = (n: LimitName) => today.binding === n;
  return (
    <div className="grid grid-4">
      <LimitCard
        testId="card-images"
        title={t.cardImagesToday}
        used={formatCount(today.imagesUsed)}
        limit={formatCount(today.dailyImageCap)}
        ratio={ratioOf(today.imagesUsed + today.imagesReserved, today.dailyImageCap)}
        binding={b("daily_images")}
        noLimit={t.noLimit}
      >
        <Countdown at={today.nextResetAt} onElapsed={onReset} t={t} />
        {today.imagesReserved > 0 && <div>{fmt(t.reserved, { n: today.imagesReserved })}</div>}
      </LimitCard>
      <LimitCard
        testId="card-concurrency"
        title={t.cardConcurrency}
        used={formatCount(today.inFlight)}
        limit={formatCount(today.concurrencyCap)}
        ratio={ratioOf(today.inFlight, today.concurrencyCap)}
        binding={b("concurrency")}
        noLimit={t.noLimit}
      >
        {t.concurrencyHint}
      </LimitCard>
      <LimitCard
        testId="card-daily-cost"
        title={t.cardDailyCost}
        used={<Money micros={today.costTodayMicros} settlement={settlement} />}
        limit={today.dailyCostLimitMicros === null ? null : formatUsd(today.dailyCostLimitMicros)}
        ratio={ratioOf(today.costTodayMicros, today.dailyCostLimitMicros)}
        binding={b("daily_cost")}
        noLimit={t.noLimit}
      >
        {t.dailyCostFoot}
      </LimitCard>
      <LimitCard
        testId="card-total-cost"
        title={t.cardTotalCost}
        used={<Money micros={today.totalCostMicros} settlement={settlement} />}
        limit={today.totalCostLimitMicros === null ? null : formatUsd(today.totalCostLimitMicros)}
        ratio={ratioOf(today.totalCostMicros, today.totalCostLimitMicros)}
        binding={b("total_cost")}
        noLimit={t.noLimit}
      >
        {t.allTime}
      </LimitCard>
    </div>
  );
}

export function statusLabel(status: KeyInfo["status"], t: UsageStrings): string {
  return status === "active" ? t.statusActive : status === "disabled" ? t.statusDisabled : t.statusExpired;
}

/** `blocked`: the key is active but a limit refuses every call (the banner says which). */
export function KeyCard({ info, t, blocked = false }: { info: KeyInfo; t: UsageStrings; blocked?: boolean }) {
  const tone = info.status !== "active" ? "danger" : blocked ? "warn" : "ok";
  return (
    <section className="card" data-testid="card-key" aria-label={t.cardKey}>
      <div className="limit-card-head">
        <span className="stat-label">{t.cardKey}</span>
        <span className={`badge ${tone}`} data-testid="key-status">
          {info.status === "active" && blocked ? t.statusBlocked : statusLabel(info.status, t)}
        </span>
      </div>
      <div className="key-display mono">{info.display}</div>
      <dl className="kv compact">
        <dt>{t.alias}</dt>
        <dd>{info.alias}</dd>
        <dt>{t.expires}</dt>
        <dd>{info.expiresAt ? `${beijingMinute(info.expiresAt)} UTC+8` : t.never}</dd>
        <dt>{t.lastUsed}</dt>
        <dd data-testid="key-last-used">{info.lastUsedAt ? `${beijingMinute(info.lastUsedAt)} UTC+8` : t.neverUsed}</dd>
        <dt>{t.created}</dt>
        <dd>{beijingDate(info.createdAt)}</dd>
      </dl>
    </section>
  );
}

export function TotalsCard({ s, t, settlement }: { s: Summary; t: UsageStrings; settlement?: Settlement }) {
  return (
    <section className="card" data-testid="card-totals" aria-label={t.totalsTitle}>
      <div className="limit-card-head">
        <span className="stat-label">{t.totalsTitle}</span>
        <span className="subtle small">{fmt(t.totalsRange, { from: s.from, to: s.to })}</span>
      </div>
      <div className="mini-stats">
        <div>
          <div className="mini-label">{t.totalCalls}</div>
          <div className="mini-value" data-testid="total-calls">{formatCount(s.calls)}</div>
          <div className="subtle small">{fmt(t.imageChatSplit, { image: formatCount(s.imageCalls), chat: formatCount(s.chatCalls) })}</div>
        </div>
        <div>
          <div className="mini-label">{t.totalImages}</div>
          <div className="mini-value" data-testid="total-images">{formatCount(s.images)}</div>
        </div>
        <div>
          <div className="mini-label">{t.totalCost}</div>
          <div className="mini-value" data-testid="total-cost">
            <Money micros={s.costMicros} settlement={settlement} />
          </div>
          <div className="subtle small">
            {fmt(t.imageChatSplit, { image: formatUsd(s.imageCostMicros), chat: formatUsd(s.chatCostMicros) })}
          </div>
        </div>
        <div>
          <div className="mini-label">{t.totalFailed}</div>
          <div className={`mini-value${s.failedCalls > 0 ? " danger-text" : ""}`} data-testid="total-failed">
            {formatCount(s.failedCalls)}
          </div>
          <div className="subtle small">{fmt(t.failedRate, { pct: formatPercent(s.calls ? s.failedCalls / s.calls : 0) })}</div>
        </div>
      </div>
      <div className="totals-foot">
        <span className="subtle small">
          {t.avgPerImage} <b className="text">{s.images > 0 ? formatUsd(Math.round(s.imageCostMicros / s.images)) : "–"}</b>
        </span>
        <span className="code-chips" data-testid="failed-by-code">
          {s.failedByCode.length === 0 ? (
            <span className="subtle small">{t.noFailures}</span>
          ) : (
            s.failedByCode.map((f) => (
              <span key={f.code} className={`code-chip ${f.group}`} title={explainError(t.lang as Locale, f.code)}>
                <code>{f.code}</code> × {formatCount(f.calls)}
              </span>
            ))
          )}
        </span>
      </div>
    </section>
  );
}
