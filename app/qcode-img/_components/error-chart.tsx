"use client";
import { ChartFrame } from "./chart-frame";
import { stackTooltip } from "./daily-trend-chart";
import { AXIS_TEXT, dayAxis, type ChartOption } from "./echarts.client";

export type ErrorChartSeries = {
  code: string;
  /** Error group key: each group is its own stack, so "your limits" and "service" bars stand apart. */
  group: string;
  groupLabel: string;
  values: number[];
  color: string;
};

export type ErrorChartProps = {
  days: string[];
  series: ErrorChartSeries[];
  xName: string;
  yName: string;
  totalLabel: string;
  emptyText: string;
  label: string;
};

/**
 * Failed calls per day, stacked by error code, one stack per error group. No legend: the
 * parent lists the codes with their colours, which reads better than a legend of long codes.
 */
export default function ErrorChart(p: ErrorChartProps) {
  const empty = p.series.every((s) => s.values.every((v) => v === 0));
  const option: ChartOption = {
    animationDuration: 300,
    grid: { left: 12, right: 16, top: 32, bottom: 8 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => stackTooltip(params, "count", p.totalLabel),
    },
    xAxis: dayAxis(p.days, p.xName),
    yAxis: {
      type: "value",
      name: p.yName,
      minInterval: 1,
      nameTextStyle: { ...AXIS_TEXT, align: "left" },
      axisLabel: AXIS_TEXT,
      splitLine: { lineStyle: { color: "#edf0f4" } },
    },
    series: p.series.map((s) => ({
      type: "bar" as const,
      name: `${s.groupLabel} · ${s.code}`,
      stack: s.group,
      data: s.values,
      itemStyle: { color: s.color },
      barMaxWidth: 14,
      emphasis: { focus: "series" as const },
    })),
  };
  return <ChartFrame option={option} empty={empty} emptyText={p.emptyText} label={p.label} />;
}
