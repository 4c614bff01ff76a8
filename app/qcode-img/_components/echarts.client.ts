"use client";
/**
 * The one place charts register ECharts pieces: only bar, heatmap and pie series, the grid, tooltip,
 * legend and visual map, and the canvas renderer — so the chart bundle carries nothing else.
 */
import { BarChart, HeatmapChart, PieChart, type BarSeriesOption, type HeatmapSeriesOption, type PieSeriesOption } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, HeatmapChart, PieChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | HeatmapSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

export { echarts };

export const AXIS_TEXT = { color: "#5d6677", fontSize: 11 };

/** The x-axis of every per-day chart: billing days labelled MM-DD, the axis name below them. */
export function dayAxis(days: string[], name: string) {
  return {
    type: "category" as const,
    data: days,
    name,
    nameLocation: "middle" as const,
    nameGap: 28,
    nameTextStyle: AXIS_TEXT,
    axisLabel: { ...AXIS_TEXT, formatter: (d: string) => d.slice(5) },
    axisTick: { alignWithLabel: true },
  };
}
