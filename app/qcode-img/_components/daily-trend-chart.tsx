"use client";
import { ChartFrame } from "./chart-frame";
import { AXIS_TEXT, dayAxis, type ChartOption } from "./echarts.client";
import { formatAxisValue, formatChartValue, type ChartUnit } from "./chart-format";

export type StackedSeries = { name: string; values: number[]; color: string };

export type DailyTrendChartProps = {
  /** Billing days, YYYY-MM-DD. */
  days: string[];
  series: StackedSeries[];
  unit: ChartUnit;
  xName: string;
  yName: string;
  totalLabel: string;
  emptyText: string;
  label: string;
};

/** Per-day stacked bars (images or cost), one stack per day. */
export default function DailyTrendChart(p: DailyTrendChartProps) {
  const empty = p.series.every((s) => s.values.every((v) => v === 0));
  const option: ChartOption = {
    animationDuration: 300,
    grid: { left: 12, right: 16, top: 44, bottom: 8 },
    // Legend on the right, the y-axis name on the left: they share the top line without touching.
    // Many series (models) scroll on one line instead of wrapping onto the axis name below.
    legend: { type: "scroll", top: 0, right: 0, itemWidth: 12, itemHeight: 10, itemGap: 12, textStyle: AXIS_TEXT },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => stackTooltip(params, p.unit, p.totalLabel),
    },
    xAxis: dayAxis(p.days, p.xName),
    yAxis: {
      type: "value",
      name: p.yName,
      nameTextStyle: { ...AXIS_TEXT, align: "left" },
      minInterval: p.unit === "count" ? 1 : 0,
      axisLabel: { ...AXIS_TEXT, formatter: (v: number) => formatAxisValue(v, p.unit) },
      splitLine: { lineStyle: { color: "#edf0f4" } },
    },
    series: p.series.map((s) => ({
      type: "bar" as const,
      name: s.name,
      stack: "total",
      data: s.values,
      itemStyle: { color: s.color },
      barMaxWidth: 22,
      emphasis: { focus: "series" as const },
    })),
  };
  return <ChartFrame option={option} empty={empty} emptyText={p.emptyText} label={p.label} />;
}

type TooltipParam = { axisValue?: string; seriesName?: string; value?: unknown; marker?: string };

/** "2026-11-24 / ● high 12 / … / Total 40", zero rows left out. */
export function stackTooltip(params: unknown, unit: ChartUnit, totalLabel: string): string {
  const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
  const rows = list.filter((x) => Number(x.value) > 0);
  const total = list.reduce((s, x) => s + (Number(x.value) || 0), 0);
  const head = escapeHtml(String(list[0]?.axisValue ?? ""));
  const body = rows
    .map((x) => `${x.marker ?? ""}${escapeHtml(String(x.seriesName))} <b style="float:right;margin-left:16px">${formatChartValue(Number(x.value), unit)}</b>`)
    .join("<br/>");
  return `${head}<br/>${body}${body ? "<br/>" : ""}${escapeHtml(totalLabel)} <b style="float:right;margin-left:16px">${formatChartValue(total, unit)}</b>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
