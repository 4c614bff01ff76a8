"use client";
import { ChartFrame } from "./chart-frame";
import { formatChartValue, type ChartUnit } from "./chart-format";
import { escapeHtml } from "./daily-trend-chart";
import { AXIS_TEXT, type ChartOption } from "./echarts.client";

export type BreakdownChartProps = {
  sizes: string[];
  qualities: string[];
  /** Translated quality names, by quality. */
  qualityLabels: Record<string, string>;
  /** [size index, quality index, value]. */
  cells: [number, number, number][];
  unit: ChartUnit;
  xName: string;
  yName: string;
  valueName: string;
  emptyText: string;
  label: string;
};

/** Size × quality heatmap; each cell carries its value so no colour legend is needed to read it. */
export default function BreakdownChart(p: BreakdownChartProps) {
  const max = Math.max(0, ...p.cells.map((c) => c[2]));
  const option: ChartOption = {
    animationDuration: 300,
    grid: { left: 12, right: 16, top: 28, bottom: 8 },
    tooltip: {
      formatter: (params: unknown) => {
        const v = (params as { value?: [number, number, number] }).value;
        if (!v) return "";
        return `${escapeHtml(p.sizes[v[0]] ?? "")} · ${escapeHtml(qualityName(p, p.qualities[v[1]] ?? ""))}<br/>${escapeHtml(p.valueName)}: <b>${formatChartValue(v[2], p.unit)}</b>`;
      },
    },
    xAxis: {
      type: "category",
      data: p.sizes,
      name: p.xName,
      nameLocation: "middle",
      nameGap: 28,
      nameTextStyle: AXIS_TEXT,
      axisLabel: { ...AXIS_TEXT, interval: 0 },
      splitArea: { show: true },
    },
    yAxis: {
      type: "category",
      data: p.qualities.map((q) => qualityName(p, q)),
      name: p.yName,
      nameTextStyle: { ...AXIS_TEXT, align: "left" },
      axisLabel: AXIS_TEXT,
      splitArea: { show: true },
    },
    visualMap: {
      show: false,
      min: 0,
      max: max || 1,
      inRange: { color: ["#f3f6fe", "#9db4f5", "#2541b2"] },
    },
    series: [
      {
        type: "heatmap",
        name: p.valueName,
        data: p.cells,
        label: {
          show: true,
          fontSize: 11,
          formatter: (x: unknown) => {
            const v = (x as { value: [number, number, number] }).value[2];
            return v === 0 ? "–" : formatChartValue(v, p.unit);
          },
        },
        itemStyle: { borderColor: "#fff", borderWidth: 2 },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: "rgba(0,0,0,0.25)" } },
      },
    ],
  };
  return <ChartFrame option={option} empty={max === 0} emptyText={p.emptyText} label={p.label} height={260} />;
}

function qualityName(p: BreakdownChartProps, q: string): string {
  return p.qualityLabels[q] ?? q;
}
