"use client";
import dynamic from "next/dynamic";
import type { AccountOverview, ErrorGroup } from "@/lib/usage/types";
import { CHAT_COLOR, ERROR_GROUP_COLORS, QUALITY_COLORS } from "../_components/chart-format";
import { formatCount } from "../usage/format.client";
import type { DashboardStrings } from "./dictionary";
import { Money } from "./money";
import styles from "./dashboard.module.css";

// ECharts loads in its own chunk, once there is something to draw.
const chartLoading = () => <div className="skeleton chart-skeleton" />;
const DailyTrendChart = dynamic(() => import("../_components/daily-trend-chart"), { ssr: false, loading: chartLoading });
const ErrorChart = dynamic(() => import("../_components/error-chart"), { ssr: false, loading: chartLoading });
const DonutChart = dynamic(() => import("../_components/donut-chart"), { ssr: false, loading: chartLoading });

/** Image models in blues (as the quality bars), chat models in greens, so the two kinds read apart. */
const IMAGE_MODEL_COLORS = ["#2541b2", "#5b7fee", "#9db4f5", "#1b2f80"];
const CHAT_MODEL_COLORS = [CHAT_COLOR, "#7fcaa9", "#1d6e51", "#b5e3cd", "#4bb88c"];
const REGION_COLORS = ["#2541b2", "#e08a00", "#2fa37a", "#8b5cf6", "#c0262d", "#0ea5e9", "#6b7280"];

const toUsd = (micros: number) => micros / 1_000_000;

export function modelColors(models: { model: string; kind: "image" | "chat" }[]): Map<string, string> {
  const out = new Map<string, string>();
  let image = 0;
  let chat = 0;
  for (const m of models) {
    if (out.has(m.model)) continue;
    out.set(m.model, m.kind === "image" ? IMAGE_MODEL_COLORS[image++ % IMAGE_MODEL_COLORS.length]! : CHAT_MODEL_COLORS[chat++ % CHAT_MODEL_COLORS.length]!);
  }
  return out;
}

export function DashboardCharts({ o, t }: { o: AccountOverview; t: DashboardStrings }) {
  const hourly = o.bucket === "hour";
  const xName = hourly ? t.hourAxis : t.dayAxis;
  const colors = modelColors(o.models);
  const groupLabel: Record<ErrorGroup, string> = { limits: t.groupLimits, service: t.groupService, request: t.groupRequest, closed: t.groupClosed };
  const used: Record<string, number> = {};
  const errorSeries = o.errors.codes.map((c) => {
    const palette = ERROR_GROUP_COLORS[c.group] ?? ERROR_GROUP_COLORS.request!;
    const i = used[c.group] ?? 0;
    used[c.group] = i + 1;
    return { code: c.code, group: c.group, groupLabel: groupLabel[c.group], values: c.counts, color: palette[i % palette.length]! };
  });
  const costTitle = hourly ? t.costByModelHourTitle : t.costByModelTitle;
  const imagesTitle = hourly ? t.imagesByQualityHourTitle : t.imagesByQualityTitle;
  const errorsTitle = hourly ? t.errorsHourTitle : t.errorsTitle;

  return (
    <>
      <div className={styles.chartsRow}>
        <section className="card chart-card" data-testid="chart-models" aria-label={t.modelsTitle}>
          <div className="card-head">
            <div>
              <h2>{t.modelsTitle}</h2>
              <p className="subtle small card-sub">{t.modelsSub}</p>
            </div>
          </div>
          <DonutChart
            slices={o.models.map((m) => ({ name: m.model, value: toUsd(m.costMicros), color: colors.get(m.model)! }))}
            unit="usd"
            totalLabel={t.total}
            emptyText={t.emptyCost}
            label={`${t.modelsTitle} — ${t.modelsSub}`}
          />
          {o.models.length > 0 && (
            <div className="table-wrap">
              <table className="data" data-testid="models-table">
                <thead>
                  <tr>
                    <th>{t.colModel}</th>
                    <th>{t.colKind}</th>
                    <th className="num">{t.colCalls}</th>
                    <th className="num">{t.colImages}</th>
                    <th className="num">{t.colTokens}</th>
                    <th className="num">{t.colCost}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.models.map((m) => (
                    <tr key={m.model} data-model={m.model}>
                      <td>
                        <span className="dot" style={{ background: colors.get(m.model), display: "inline-block", marginRight: 6 }} aria-hidden />
                        {m.model}
                      </td>
                      <td>{m.kind === "image" ? t.kindImage : t.kindChat}</td>
                      <td className="num">{formatCount(m.calls)}</td>
                      <td className="num">{m.kind === "image" ? formatCount(m.images) : "–"}</td>
                      <td className="num">{m.kind === "chat" ? `${formatCount(m.inputTokens)} / ${formatCount(m.outputTokens)}` : "–"}</td>
                      <td className="num">
                        <Money micros={m.costMicros} fx={o.fx} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="card chart-card" data-testid="chart-regions" aria-label={t.regionsTitle}>
          <div className="card-head">
            <h2>{t.regionsTitle}</h2>
          </div>
          <DonutChart
            slices={o.regions.map((r, i) => ({
              name: r.region || t.unknownRegion,
              value: toUsd(r.costMicros),
              color: REGION_COLORS[i % REGION_COLORS.length]!,
            }))}
            unit="usd"
            totalLabel={t.total}
            emptyText={t.emptyCost}
            label={t.regionsTitle}
          />
        </section>
      </div>
      <section className="card chart-card" data-testid="chart-cost-by-model" aria-label={costTitle}>
        <div className="card-head">
          <h2>{costTitle}</h2>
        </div>
        <DailyTrendChart
          days={o.costByModel.days}
          series={o.costByModel.models.map((m) => ({ name: m.model, values: m.costMicros.map(toUsd), color: colors.get(m.model) ?? "#8892a6" }))}
          unit="usd"
          xName={xName}
          yName={t.costAxis}
          totalLabel={t.total}
          emptyText={t.emptyCost}
          label={`${costTitle} — ${t.costAxis}, ${xName}`}
        />
      </section>
      <div className={styles.chartsRow}>
        <section className="card chart-card" data-testid="chart-images-by-quality" aria-label={imagesTitle}>
          <div className="card-head">
            <h2>{imagesTitle}</h2>
          </div>
          <DailyTrendChart
            days={o.daily.days}
            series={Object.entries(o.daily.byQuality).map(([q, s]) => ({ name: q, values: s.images, color: QUALITY_COLORS[q] ?? "#8892a6" }))}
            unit="count"
            xName={xName}
            yName={t.imagesAxis}
            totalLabel={t.total}
            emptyText={t.emptyChart}
            label={`${imagesTitle} — ${t.imagesAxis}, ${xName}`}
          />
        </section>
        <section className="card chart-card" data-testid="chart-errors" aria-label={errorsTitle}>
          <div className="card-head">
            <h2>{errorsTitle}</h2>
          </div>
          <ErrorChart
            days={o.errors.days}
            series={errorSeries}
            xName={xName}
            yName={t.failedAxis}
            totalLabel={t.total}
            emptyText={t.emptyErrors}
            label={`${errorsTitle} — ${t.failedAxis}, ${xName}`}
          />
          {o.errors.codes.length > 0 && (
            <ul className="error-codes">
              {o.errors.codes.map((c, i) => (
                <li key={c.code}>
                  <span className="dot" style={{ background: errorSeries[i]!.color }} aria-hidden />
                  <code>{c.code}</code>
                  <span className="subtle">{groupLabel[c.group]}</span>
                  <b>{formatCount(c.total)}</b>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
