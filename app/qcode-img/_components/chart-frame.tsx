"use client";
import ReactEChartsCore from "echarts-for-react/lib/core";
import { echarts, type ChartOption } from "./echarts.client";

/**
 * A chart, or its empty state when there is nothing to draw: an axis with no bars reads as
 * "broken", a sentence reads as "nothing happened".
 */
export function ChartFrame({
  option,
  empty,
  emptyText,
  height = 300,
  label,
}: {
  option: ChartOption;
  empty: boolean;
  emptyText: string;
  height?: number;
  /** Accessible name of the chart (the canvas itself says nothing to a screen reader). */
  label: string;
}) {
  if (empty) {
    return (
      <div className="chart-empty" style={{ height }} role="img" aria-label={label}>
        <span>{emptyText}</span>
      </div>
    );
  }
  return (
    <div role="img" aria-label={label} className="chart-host">
      <ReactEChartsCore
        echarts={echarts}
        // confine: a tooltip near the edge of a phone screen stays inside the viewport.
        option={option.tooltip ? { ...option, tooltip: { ...(option.tooltip as object), confine: true, className: "chart-tooltip" } } : option}
        notMerge
        lazyUpdate
        style={{ height, width: "100%" }}
        opts={{ renderer: "canvas" }}
      />
    </div>
  );
}
