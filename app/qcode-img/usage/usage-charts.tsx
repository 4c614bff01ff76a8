"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { formatUsd } from "@/lib/pricing/format";
import type { Locale } from "@/lib/i18n/locale.client";
import { fmt } from "@/lib/i18n/locale.client";
import { ERROR_GROUPS, type Breakdown, type DailySeries, type ErrorGroup, type ErrorSeries } from "@/lib/usage/types";
import { explainError } from "../_components/error-codes";
import { CHAT_COLOR, ERROR_GROUP_COLORS, QUALITY_COLORS } from "../_components/chart-format";
import { qualityLabel, qualityLabels, type UsageStrings } from "./dictionary";
import { formatCount, formatPercent } from "./format.client";

// ECharts loads only once there is something to draw, in its own chunk.
const chartLoading = () => <div className="skeleton chart-skeleton" />;
const DailyTrendChart = dynamic(() => import("../_components/daily-trend-chart"), { ssr: false, loading: chartLoading });
const BreakdownChart = dynamic(() => import("../_components/breakdown-chart"), { ssr: false, loading: chartLoading });
const ErrorChart = dynamic(() => import("../_components/error-chart"), { ssr: false, loading: chartLoading });

const toUsd = (micros: number) => micros / 1_000_000;

export function DailyTrendCard({ daily, t }: { daily: DailySeries; t: UsageStrings }) {
  const [metric, setMetric] = useState<Metric>("images");
  const qualities = Object.keys(daily.byQuality);
  const series = qualities.map((q) => ({
    name: qualityLabel(t, q),
    values: metric === "images" ? daily.byQuality[q]!.images : daily.byQuality[q]!.costMicros.map(toUsd),
    color: QUALITY_COLORS[q] ?? "#8892a6",
  }));
  // Chat calls deliver no images but do cost money.
  if (metric === "cost") series.push({ name: t.chat, values: daily.chat.costMicros.map(toUsd), color: CHAT_COLOR });
  return (
    <section className="card chart-card" data-testid="chart-daily" aria-label={t.dailyTitle}>
      <div className="card-head">
        <h2>{t.dailyTitle}</h2>
        <MetricToggle metric={metric} onChange={setMetric} label={t.dailyTitle} t={t} />
      </div>
      <DailyTrendChart
        days={daily.days}
        series={series}
        unit={metric === "images" ? "count" : "usd"}
        xName={t.dayAxis}
        yName={metric === "images" ? t.imagesAxis : t.costAxis}
        totalLabel={t.total}
        emptyText={t.dailyEmpty}
        label={`${t.dailyTitle} — ${metric === "images" ? t.imagesAxis : t.costAxis}, ${t.dayAxis}`}
      />
    </section>
  );
}

export function BreakdownCard({ breakdown, t }: { breakdown: Breakdown; t: UsageStrings }) {
  const [metric, setMetric] = useState<Metric>("cost");
  const cells: [number, number, number][] = breakdown.cells.map((c) => [
    breakdown.sizes.indexOf(c.size),
    breakdown.qualities.indexOf(c.quality),
    metric === "images" ? c.images : toUsd(c.costMicros),
  ]);
  const used = breakdown.cells.filter((c) => c.calls > 0);
  const totals = used.reduce((a, c) => ({ calls: a.calls + c.calls, images: a.images + c.images }), { calls: 0, images: 0 });
  const excludedCalls = (breakdown.excluded ?? []).reduce((n, x) => n + x.calls, 0);
  return (
    <section className="card chart-card" data-testid="chart-breakdown" aria-label={t.breakdownTitle}>
      <div className="card-head">
        <div>
          <h2>{t.breakdownTitle}</h2>
          <p className="subtle small card-sub">{t.breakdownSubtitle}</p>
        </div>
        <MetricToggle metric={metric} onChange={setMetric} label={t.breakdownTitle} t={t} />
      </div>
      <BreakdownChart
        sizes={breakdown.sizes}
        qualities={breakdown.qualities}
        qualityLabels={qualityLabels(t)}
        cells={cells}
        unit={metric === "images" ? "count" : "usd"}
        xName={t.sizeAxis}
        yName={t.qualityAxis}
        valueName={metric === "images" ? t.imagesAxis : t.costAxis}
        emptyText={t.breakdownEmpty}
        label={`${t.breakdownTitle} — ${t.breakdownSubtitle}`}
      />
      {used.length > 0 && (
        <div className="table-wrap">
          <table className="data" data-testid="breakdown-table">
            <thead>
              <tr>
                <th>{t.sizeAxis}</th>
                <th>{t.qualityAxis}</th>
                <th className="num">{t.calls}</th>
                <th className="num col-opt-sm">{t.images}</th>
                <th className="num">{t.cost}</th>
                <th className="num">{t.share}</th>
              </tr>
            </thead>
            <tbody>
              {used.map((c) => (
                <tr key={`${c.size}-${c.quality}`}>
                  <td>{c.size}</td>
                  <td>{qualityLabel(t, c.quality)}</td>
                  <td className="num">{formatCount(c.calls)}</td>
                  <td className="num col-opt-sm">{formatCount(c.images)}</td>
                  <td className="num">{formatUsd(c.costMicros)}</td>
                  <td className="num">{formatPercent(c.share)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={2}>{t.total}</th>
                <th className="num">{formatCount(totals.calls)}</th>
                <th className="num col-opt-sm">{formatCount(totals.images)}</th>
                <th className="num">{formatUsd(breakdown.totalCostMicros)}</th>
                <th className="num">{breakdown.totalCostMicros > 0 ? "100%" : "–"}</th>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {excludedCalls > 0 && (
        <p className="subtle small breakdown-note" data-testid="breakdown-excluded">
          {fmt(t.breakdownExcluded, {
            n: formatCount(excludedCalls),
            billed: formatCount(totals.calls),
            total: formatCount(totals.calls + excludedCalls),
          })}{" "}
          {breakdown.excluded.map((x) => (
            <span key={x.code} className="code-chip" title={explainError(t.lang as Locale, x.code)}>
              <code>{x.code}</code> × {formatCount(x.calls)}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

export function ErrorsCard({ errors, t }: { errors: ErrorSeries; t: UsageStrings }) {
  const groupLabel: Record<ErrorGroup, string> = { limits: t.groupLimits, service: t.groupService, request: t.groupRequest, closed: t.groupClosed };
  const groupHint: Record<ErrorGroup, string> = {
    limits: t.groupLimitsHint,
    service: t.groupServiceHint,
    request: t.groupRequestHint,
    closed: t.groupClosedHint,
  };
  const used: Record<string, number> = {};
  const series = errors.codes.map((c) => {
    const palette = ERROR_GROUP_COLORS[c.group] ?? ERROR_GROUP_COLORS.request!;
    const i = used[c.group] ?? 0;
    used[c.group] = i + 1;
    return { code: c.code, group: c.group, groupLabel: groupLabel[c.group], values: c.counts, color: palette[i % palette.length]! };
  });
  const groupTotals = ERROR_GROUPS.map((g) => ({ g, n: errors.codes.filter((c) => c.group === g).reduce((s, c) => s + c.total, 0) }));
  return (
    <section className="card chart-card" data-testid="chart-errors" aria-label={t.errorsTitle}>
      <div className="card-head">
        <div>
          <h2>{t.errorsTitle}</h2>
          <p className="subtle small card-sub">{t.errorsSubtitle}</p>
        </div>
      </div>
      <div className="error-groups">
        {groupTotals
          .filter((x) => x.n > 0 || x.g === "limits" || x.g === "service")
          .map(({ g, n }) => (
            <div key={g} className={`error-group ${g}`} data-testid={`error-group-${g}`} title={groupHint[g]}>
              <span className="error-group-name">{groupLabel[g]}</span>
              <b>{formatCount(n)}</b>
              <span className="subtle small">{groupHint[g]}</span>
            </div>
          ))}
      </div>
      <ErrorChart
        days={errors.days}
        series={series}
        xName={t.dayAxis}
        yName={t.failedAxis}
        totalLabel={t.total}
        emptyText={t.errorsEmpty}
        label={`${t.errorsTitle} — ${t.errorsSubtitle}`}
      />
      {errors.codes.length > 0 && (
        <ul className="error-codes">
          {errors.codes.map((c, i) => (
            <li key={c.code} data-code={c.code}>
              <span className="dot" style={{ background: series[i]!.color }} aria-hidden />
              <code>{c.code}</code>
              <span className="subtle">{groupLabel[c.group]}</span>
              <b>{formatCount(c.total)}</b>
              <span className="error-explain small">{explainError(t.lang as Locale, c.code)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Metric = "images" | "cost";

/** The images / cost switch of a chart card. */
function MetricToggle({ metric, onChange, label, t }: { metric: Metric; onChange: (m: Metric) => void; label: string; t: UsageStrings }) {
  return (
    <div className="seg" role="group" aria-label={label}>
      <button type="button" aria-pressed={metric === "images"} onClick={() => onChange("images")}>
        {t.images}
      </button>
      <button type="button" aria-pressed={metric === "cost"} onClick={() => onChange("cost")}>
        {t.cost}
      </button>
    </div>
  );
}
