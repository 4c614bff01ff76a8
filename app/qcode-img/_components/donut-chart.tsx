"use client";
import { ChartFrame } from "./chart-frame";
import { formatChartValue, type ChartUnit } from "./chart-format";
import { escapeHtml } from "./daily-trend-chart";
import { AXIS_TEXT, type ChartOption } from "./echarts.client";

export type DonutSlice = { name: string; value: number; color: string };

export type DonutChartProps = {
  slices: DonutSlice[];
  unit: ChartUnit;
  /** Shown in the hole: the total, formatted as the slices are. */
  totalLabel: string;
  emptyText: string;
  label: string;
  height?: number;
};

/** Shares of a total (cost per model, per region): a donut with the total in the middle and a legend below. */
export default function DonutChart(p: DonutChartProps) {
  const slices = p.slices.filter((s) => s.value > 0);
  const total = slices.reduce((a, s) => a + s.value, 0);
  const option: ChartOption = {
    animationDuration: 300,
    tooltip: {
      trigger: "item",
      formatter: (params: unknown) => {
        const x = params as { name: string; value: number; percent: number; marker: string };
        return `${x.marker}${escapeHtml(x.name)}<br/><b>${formatChartValue(x.value, p.unit)}</b> · ${x.percent.toFixed(1)}%`;
      },
    },
    legend: { bottom: 0, left: "center", itemWidth: 12, itemHeight: 10, textStyle: AXIS_TEXT, type: "scroll" },
    series: [
      {
        type: "pie",
        radius: ["45%", "70%"],
        center: ["50%", "44%"],
        avoidLabelOverlap: true,
        // The total sits in the hole: one centre label, carried by the first slice only (a label
        // per slice would draw the same text once per slice on top of itself).
        label: { show: false },
        labelLine: { show: false },
        emphasis: { scale: false },
        itemStyle: { borderColor: "#fff", borderWidth: 2 },
        data: slices.map((s, i) => ({
          name: s.name,
          value: s.value,
          itemStyle: { color: s.color },
          label:
            i === 0
              ? {
                  show: true,
                  position: "center" as const,
                  formatter: () => `${p.totalLabel}\n${formatChartValue(total, p.unit)}`,
                  fontSize: 13,
                  fontWeight: 600,
                  color: "#1f2633",
                  lineHeight: 20,
                }
              : { show: false },
          emphasis: { label: i === 0 ? { show: true } : { show: false } },
        })),
      },
    ],
  };
  return <ChartFrame option={option} empty={total === 0} emptyText={p.emptyText} label={p.label} height={p.height ?? 280} />;
}
