"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import { fmt, useLocale } from "@/lib/i18n/locale.client";
import { sha256HexBrowser } from "@/lib/keys/token.client";
import { KNOWN_ERROR_CODES, type Overview } from "@/lib/usage/types";
import { ActiveKey, KeyForm } from "../_components/key-form";
import { TopBar } from "../_components/top-bar";
import { displayFormOf, useStoredKey } from "../_components/use-stored-key.client";
import type { UsageApiError, UsageSource } from "./api.client";
import { CallList } from "./call-list";
import { USAGE_STRINGS, type UsageStrings } from "./dictionary";
import { beijingDateTime } from "./format.client";
import { KeyBanner, NextLimitNote } from "./key-banner";
import { RangePicker } from "./range-picker";
import { rangeQuery, useUrlRange, type UsageRange } from "./range.client";
import { KeyCard, LimitCards, TotalsCard } from "./usage-cards";
import { BreakdownCard, DailyTrendCard, ErrorsCard } from "./usage-charts";
import { useOverview } from "./use-overview.client";

export function describeUsageError(e: UsageApiError, t: UsageStrings): string {
  switch (e.kind) {
    case "unauthorized":
      return t.errUnauthorized;
    case "rate_limited":
      return fmt(t.errRateLimitedWait, { s: e.retryAfter ?? 30 });
    case "network":
      return t.errNetwork;
    case "server":
      return fmt(t.errServer, { status: e.status });
    case "bad_request":
      // The server explains in English; other languages get the code rather than a foreign sentence.
      return fmt(t.errBadRequest, { message: t.lang === "en" ? e.message : (e.code ?? String(e.status)) });
  }
}

/** The keyless usage page: key entry, then limits, charts of the chosen range and the call list. */
export function UsageApp() {
  const [locale, setLocale] = useLocale();
  const t = USAGE_STRINGS[locale];
  const [range, setRange] = useUrlRange();
  useEffect(() => {
    document.title = t.pageTitle;
  }, [t]);
  const stored = useStoredKey();
  const [editing, setEditing] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [reloadSignal, setReloadSignal] = useState(0);
  const source = useMemo<UsageSource | null>(() => (token ? { kind: "token", token } : null), [token]);
  const [overview, reloadOverview] = useOverview(source, rangeQuery(range));

  useEffect(() => {
    let live = true;
    setToken(null);
    if (stored.key) void sha256HexBrowser(stored.key).then((tok) => live && setToken(tok));
    return () => {
      live = false;
    };
  }, [stored.key]);

  const refresh = useCallback(() => {
    reloadOverview();
    setReloadSignal((n) => n + 1);
  }, [reloadOverview]);

  const describe = useCallback((e: UsageApiError) => describeUsageError(e, t), [t]);
  const showForm = stored.ready && (!stored.key || editing);
  // While reloading, or after a failed reload, the last good data stays on screen.
  const shown = overview.phase === "ready" ? overview.data : overview.phase === "idle" ? null : overview.previous;

  return (
    <>
      <TopBar current="usage" locale={locale} onLocaleChange={setLocale} />
      <main className="page usage-page">
        <div className="page-head">
          <div>
            <h1>{t.title}</h1>
            <p className="subtle page-sub">{t.subtitle}</p>
          </div>
          {stored.key && !editing && (
            <div className="row">
              {overview.phase === "ready" && (
                <span className="subtle small">{fmt(t.updatedAt, { time: `${beijingDateTime(new Date(overview.loadedAt).toISOString()).slice(11)} UTC+8` })}</span>
              )}
              <button type="button" className="btn" onClick={refresh} disabled={overview.phase === "loading"} data-testid="refresh">
                {overview.phase === "loading" ? <span className="spinner" aria-hidden /> : <span aria-hidden>↻</span>}
                {t.refresh}
              </button>
            </div>
          )}
        </div>

        {!stored.ready && <div className="skeleton" style={{ height: 120 }} />}
        {showForm && (
          <KeyForm
            locale={locale}
            title={t.formTitle}
            intro={t.formIntro}
            initialRemember={stored.remember}
            onSubmit={(key, remember) => {
              stored.save(key, remember);
              setEditing(false);
            }}
          />
        )}
        {stored.key && !editing && (
          <>
            <ActiveKey
              locale={locale}
              display={overview.phase === "ready" ? overview.data.key.display : displayFormOf(stored.key)}
              remembered={stored.remember}
              onChange={() => setEditing(true)}
              onForget={() => {
                stored.forget();
                setEditing(false);
              }}
            />
            {(overview.phase === "idle" || (overview.phase === "loading" && !overview.previous)) && <OverviewSkeleton />}
            {overview.phase === "error" && (
              <OverviewError
                error={overview.error}
                retryAt={overview.retryAt}
                t={t}
                onRetry={reloadOverview}
                onChangeKey={() => setEditing(true)}
                onForget={stored.forget}
              />
            )}
            {shown && source && (
              <UsageBody
                data={shown}
                source={source}
                t={t}
                onReset={refresh}
                reloadSignal={reloadSignal}
                describe={describe}
                range={range}
                onRangeChange={setRange}
                loading={overview.phase === "loading"}
              />
            )}
          </>
        )}
      </main>
    </>
  );
}

/**
 * The usage view of one key (banner, cards, charts, call list, CSV), whatever its data source.
 * Everything below the cards covers `data`'s range (summary.from – summary.to); with `range` and
 * `onRangeChange` the view also shows the range picker (the parent refetches `data`).
 */
export function UsageBody({
  data,
  source,
  t,
  onReset,
  reloadSignal,
  describe,
  range,
  onRangeChange,
  loading = false,
}: {
  data: Overview;
  source: UsageSource;
  t: UsageStrings;
  onReset: () => void;
  reloadSignal: number;
  describe: (e: UsageApiError) => string;
  range?: UsageRange;
  onRangeChange?: (r: UsageRange) => void;
  loading?: boolean;
}) {
  const errorCodes = [...new Set([...data.summary.failedByCode.map((f) => f.code), ...KNOWN_ERROR_CODES])];
  const settlement = data.settlement;
  return (
    <div className="usage-body" data-testid="usage-body" aria-busy={loading || undefined}>
      <KeyBanner info={data.key} today={data.today} settlement={settlement} t={t} />
      <LimitCards today={data.today} t={t} onReset={onReset} settlement={settlement} />
      <NextLimitNote today={data.today} settlement={settlement} t={t} />
      {range && onRangeChange && (
        <RangePicker value={range} onChange={onRangeChange} today={data.today.day} firstCallDay={data.firstCallDay} shown={data.summary} t={t} />
      )}
      {settlement?.currency === "CNY" && (
        <p className="subtle small" data-testid="fx-note">
          {fmt(t.fxNote, { rate: settlement.usdCny.toFixed(2) })}
        </p>
      )}
      <div className="grid key-row">
        <KeyCard info={data.key} t={t} blocked={data.today.blockedBy !== null && data.today.blockedBy !== undefined} />
        <TotalsCard s={data.summary} t={t} settlement={settlement} />
      </div>
      <DailyTrendCard daily={data.daily} t={t} />
      <div className="grid grid-2 charts-row">
        <BreakdownCard breakdown={data.breakdown} t={t} />
        <ErrorsCard errors={data.errors} t={t} />
      </div>
      <CallList
        source={source}
        from={data.summary.from}
        to={data.summary.to}
        sizes={data.breakdown.sizes}
        qualities={data.breakdown.qualities}
        errorCodes={errorCodes}
        t={t}
        describeError={describe}
        reloadSignal={reloadSignal}
      />
    </div>
  );
}

function OverviewError({
  error,
  retryAt,
  t,
  onRetry,
  onChangeKey,
  onForget,
}: {
  error: UsageApiError;
  retryAt: number | null;
  t: UsageStrings;
  onRetry: () => void;
  onChangeKey: () => void;
  onForget: () => void;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (retryAt === null) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [retryAt]);
  const wait = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));
  const message =
    error.kind === "rate_limited" ? (wait > 0 ? fmt(t.errRateLimited, { s: wait }) : t.errRateLimitedNow) : describeUsageError(error, t);
  return (
    <div className={`notice ${error.kind === "rate_limited" ? "warn" : "error"} overview-error`} role="alert" data-testid="overview-error">
      <span>{message}</span>
      <span className="row">
        {error.kind === "unauthorized" ? (
          <>
            <button type="button" className="btn small" onClick={onChangeKey}>
              {t.changeKey}
            </button>
            <button type="button" className="btn small danger" onClick={onForget}>
              {t.forgetKey}
            </button>
          </>
        ) : (
          <button type="button" className="btn small" onClick={onRetry} disabled={wait > 0}>
            {t.retry}
          </button>
        )}
      </span>
    </div>
  );
}

function OverviewSkeleton() {
  return (
    <div className="usage-body" aria-busy="true" data-testid="overview-loading">
      <div className="grid grid-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="card">
            <div className="skeleton" style={{ width: "40%" }} />
            <div className="skeleton" style={{ height: 28, marginTop: 10, width: "60%" }} />
            <div className="skeleton" style={{ height: 8, marginTop: 12 }} />
          </div>
        ))}
      </div>
      <div className="card">
        <div className="skeleton chart-skeleton" />
      </div>
    </div>
  );
}
