"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { fmt } from "@/lib/i18n/locale.client";
import type { Locale } from "@/lib/i18n/locale.client";
import { formatUsd } from "@/lib/pricing/format";
import type { CallPage, CallView } from "@/lib/usage/types";
import { explainError } from "../_components/error-codes";
import { filterQuery, sourceId, usageJson, UsageApiError, type CallFilterState, type UsageSource } from "./api.client";
import { CallDetail } from "./call-detail";
import { CallFilters } from "./call-filters";
import { CsvDownload } from "./csv-download";
import { qualityLabel, type UsageStrings } from "./dictionary";
import { beijingDateTime, formatCount, formatLatency } from "./format.client";

const PAGE_SIZE = 50;

type ListState =
  | { phase: "loading" }
  | { phase: "error"; error: UsageApiError }
  | { phase: "ready"; calls: CallView[]; nextCursor: string | null; loadingMore: boolean; moreError: UsageApiError | null };

export function defaultFilters(from: string, to: string): CallFilterState {
  return { from, to, kind: "", status: "", errorCode: "", size: "", quality: "" };
}

/** The key's calls of the page's range, newest first, filtered, one keyset page at a time. */
export function CallList({
  source,
  from,
  to,
  sizes,
  qualities,
  errorCodes,
  t,
  describeError,
  reloadSignal,
}: {
  source: UsageSource;
  /** The page's range (inclusive billing days): the list and the CSV follow it. */
  from: string;
  to: string;
  sizes: string[];
  qualities: string[];
  errorCodes: string[];
  t: UsageStrings;
  describeError: (e: UsageApiError) => string;
  /** Changes when the page is refreshed. */
  reloadSignal: number;
}) {
  const [filters, setFilters] = useState<CallFilterState>(() => defaultFilters(from, to));
  // A new range on the page keeps the other filters.
  useEffect(() => setFilters((f) => (f.from === from && f.to === to ? f : { ...f, from, to })), [from, to]);
  const [state, setState] = useState<ListState>({ phase: "loading" });
  const [selected, setSelected] = useState<CallView | null>(null);
  const [attempt, setAttempt] = useState(0);
  const abortRef = useRef<AbortController | null>(null);
  const closeDetail = useCallback(() => setSelected(null), []);
  const lang = t.lang as Locale;
  const sourceKey = sourceId(source);

  useEffect(() => {
    const ac = new AbortController();
    abortRef.current?.abort();
    abortRef.current = ac;
    setState({ phase: "loading" });
    usageJson<CallPage>(`calls?${filterQuery(filters, { limit: String(PAGE_SIZE) })}`, source, ac.signal).then(
      (page) => setState({ phase: "ready", calls: page.calls, nextCursor: page.nextCursor, loadingMore: false, moreError: null }),
      (err: unknown) => {
        if (ac.signal.aborted) return;
        setState({ phase: "error", error: err instanceof UsageApiError ? err : new UsageApiError("network", String(err)) });
      },
    );
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- sourceKey stands for source
  }, [sourceKey, filters, attempt, reloadSignal]);

  const loadMore = useCallback(() => {
    if (state.phase !== "ready" || !state.nextCursor || state.loadingMore) return;
    const ac = new AbortController();
    abortRef.current = ac;
    setState({ ...state, loadingMore: true, moreError: null });
    usageJson<CallPage>(`calls?${filterQuery(filters, { limit: String(PAGE_SIZE), cursor: state.nextCursor })}`, source, ac.signal).then(
      (page) =>
        setState((s) =>
          s.phase === "ready" ? { ...s, calls: [...s.calls, ...page.calls], nextCursor: page.nextCursor, loadingMore: false } : s,
        ),
      (err: unknown) => {
        if (ac.signal.aborted) return;
        const e = err instanceof UsageApiError ? err : new UsageApiError("network", String(err));
        setState((s) => (s.phase === "ready" ? { ...s, loadingMore: false, moreError: e } : s));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- sourceKey stands for source
  }, [state, filters, sourceKey]);

  const isDefault = JSON.stringify(filters) === JSON.stringify(defaultFilters(from, to));

  return (
    <section className="card" data-testid="call-list" aria-labelledby="calls-title">
      <div className="card-head">
        <h2 id="calls-title">{t.callsTitle}</h2>
        <div className="row">
          {!isDefault && (
            <button type="button" className="btn small" onClick={() => setFilters(defaultFilters(from, to))}>
              {t.resetFilters}
            </button>
          )}
          <CsvDownload source={source} filters={filters} t={t} describeError={describeError} />
        </div>
      </div>
      <CallFilters
        value={filters}
        onChange={setFilters}
        sizes={sizes}
        qualities={qualities}
        errorCodes={errorCodes}
        t={t}
      />
      {state.phase === "loading" && <TableSkeleton />}
      {state.phase === "error" && (
        <div className="notice error row between" role="alert">
          <span>{describeError(state.error)}</span>
          <button type="button" className="btn small" onClick={() => setAttempt((a) => a + 1)}>
            {t.retry}
          </button>
        </div>
      )}
      {state.phase === "ready" && state.calls.length === 0 && <div className="empty">{t.noCalls}</div>}
      {state.phase === "ready" && state.calls.length > 0 && (
        <>
          {/* Keyboard users reach the pager without tabbing through every row. */}
          <a className="skip-link" href="#calls-pager" data-testid="skip-to-pager">
            {t.skipToPager}
          </a>
          <div className="table-wrap">
            <table className="data calls-table">
              <thead>
                <tr>
                  <th>{t.colTime}</th>
                  <th className="col-opt">{t.colKind}</th>
                  <th className="col-opt">{t.colModel}</th>
                  <th className="col-opt">{t.colSize}</th>
                  <th className="col-opt">{t.colQuality}</th>
                  <th className="num col-opt">{t.colN}</th>
                  <th className="num col-opt">{t.colImages}</th>
                  <th className="num">{t.colCost}</th>
                  <th>{t.colStatus}</th>
                  <th className="num col-opt">{t.colLatency}</th>
                </tr>
              </thead>
              <tbody>
                {state.calls.map((c) => (
                  <tr
                    key={c.requestId}
                    className="clickable"
                    tabIndex={0}
                    data-request-id={c.requestId}
                    aria-label={fmt(t.openDetail, { id: c.requestId })}
                    onClick={() => setSelected(c)}
                    onKeyDown={(e) => {
                      if (e.key === "Enter" || e.key === " ") {
                        e.preventDefault();
                        setSelected(c);
                      }
                    }}
                  >
                    <td>
                      <span className="mono">{beijingDateTime(c.createdAt)}</span>
                      {/* Narrow screens drop the detail columns and show this line instead. */}
                      <span className="only-sm subtle small">
                        {c.kind === "image"
                          ? `${c.size ?? "–"} · ${qualityLabel(t, c.quality)} · ${c.imagesDelivered}/${c.n} ${t.colImages}`
                          : `${t.kindChat} · ${c.model}`}
                      </span>
                    </td>
                    <td className="col-opt">
                      <span className={`badge kind-${c.kind}`}>{c.kind === "image" ? t.kindImage : t.kindChat}</span>
                    </td>
                    <td className="col-opt">{c.model}</td>
                    <td className="col-opt">{c.size ?? "–"}</td>
                    <td className="col-opt">{qualityLabel(t, c.quality)}</td>
                    <td className="num col-opt">{c.kind === "image" ? c.n : "–"}</td>
                    <td className="num col-opt">{c.imagesDelivered}</td>
                    <td className="num">
                      {formatUsd(c.costMicros)}
                      {c.demoEngine && (
                        <span className="badge demo" title={t.demoEngineHint} data-testid="demo-engine">
                          {t.demoEngine}
                        </span>
                      )}
                    </td>
                    <td>
                      {c.errorCode ? (
                        <span className="badge danger" title={explainError(lang, c.errorCode)}>
                          {c.httpStatus} {c.errorCode}
                        </span>
                      ) : (
                        <span className="badge ok">{t.ok}</span>
                      )}
                    </td>
                    <td className="num col-opt">{formatLatency(c.latencyMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="list-foot" id="calls-pager" tabIndex={-1}>
            <span className="subtle small" data-testid="calls-count">
              {state.nextCursor ? fmt(t.shownCount, { n: formatCount(state.calls.length) }) : fmt(t.allShown, { n: formatCount(state.calls.length) })}
            </span>
            {state.moreError && <span className="danger-text small">{describeError(state.moreError)}</span>}
            {state.nextCursor && (
              <button type="button" className="btn" onClick={loadMore} disabled={state.loadingMore} data-testid="load-more">
                {state.loadingMore && <span className="spinner" aria-hidden />}
                {t.loadMore}
              </button>
            )}
          </div>
        </>
      )}
      {selected && (
        <CallDetail
          call={selected}
          onClose={closeDetail}
          t={t}
          returnFocus={() => document.querySelector<HTMLElement>(`tr[data-request-id="${CSS.escape(selected.requestId)}"]`)?.focus()}
        />
      )}
    </section>
  );
}

function TableSkeleton() {
  return (
    <div className="table-skeleton" aria-busy="true">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: 22, marginTop: 10 }} />
      ))}
    </div>
  );
}
