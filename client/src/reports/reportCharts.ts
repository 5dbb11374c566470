import type { ChartOption } from './EChart';
import type { ChartPalette } from './usePrintPalette';

/** Chart options as pure functions of the figures: the same for the wall and for paper, palette aside. */

function base(p: ChartPalette, legend: boolean): ChartOption {
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { color: p.text, fontSize: 14 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: legend ? { top: 0, textStyle: { color: p.text, fontSize: 14 } } : undefined,
    grid: { left: 8, right: 24, top: legend ? 36 : 12, bottom: 8, containLabel: true },
  };
}

const axisStyle = (p: ChartPalette) => ({
  axisLabel: { color: p.text, fontSize: 14 },
  axisLine: { lineStyle: { color: p.line } },
  splitLine: { lineStyle: { color: p.line } },
});

/** Vertical bars, this period beside the previous, one pair per label. */
export function compareBars(
  p: ChartPalette,
  labels: string[],
  current: number[],
  previous: number[],
  names: { current: string; previous: string },
): ChartOption {
  return {
    ...base(p, true),
    xAxis: {
      type: 'category',
      data: labels,
      ...axisStyle(p),
      axisLabel: { color: p.text, fontSize: 14, interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(p) },
    series: [
      {
        name: names.current,
        type: 'bar',
        data: current,
        itemStyle: { color: p.current },
        barMaxWidth: 28,
        label: { show: true, position: 'top', color: p.text },
      },
      {
        name: names.previous,
        type: 'bar',
        data: previous,
        itemStyle: { color: p.previous },
        barMaxWidth: 28,
      },
    ],
  };
}

/** Horizontal bars for long names (units, townships), largest on top. */
export function rankBars(
  p: ChartPalette,
  labels: string[],
  current: number[],
  previous: number[],
  names: { current: string; previous: string },
): ChartOption {
  return {
    ...base(p, true),
    yAxis: {
      type: 'category',
      data: [...labels].reverse(),
      ...axisStyle(p),
      axisLabel: { color: p.text, fontSize: 14, width: 150, overflow: 'truncate' },
    },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle(p) },
    series: [
      {
        name: names.current,
        type: 'bar',
        data: [...current].reverse(),
        itemStyle: { color: p.current },
        barMaxWidth: 18,
        label: { show: true, position: 'right', color: p.text },
      },
      {
        name: names.previous,
        type: 'bar',
        data: [...previous].reverse(),
        itemStyle: { color: p.previous },
        barMaxWidth: 18,
      },
    ],
  };
}

/** The 24 hours: bars this period, a line for the previous one. */
export function hourChart(
  p: ChartPalette,
  labels: string[],
  current: number[],
  previous: number[],
  names: { current: string; previous: string },
): ChartOption {
  return {
    ...base(p, true),
    xAxis: {
      type: 'category',
      data: labels,
      ...axisStyle(p),
      axisLabel: { color: p.text, fontSize: 13, interval: 1 },
    },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(p) },
    series: [
      { name: names.current, type: 'bar', data: current, itemStyle: { color: p.current }, barMaxWidth: 22 },
      {
        name: names.previous,
        type: 'line',
        data: previous,
        itemStyle: { color: p.previous },
        lineStyle: { color: p.previous, type: 'dashed', width: 2 },
        symbolSize: 6,
      },
    ],
  };
}
