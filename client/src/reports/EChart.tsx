import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the reports draw: the bundle carries bars and lines, not the whole library.
// SVG rather than canvas: sharp on a 4K wall and on paper.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One chart: created once, given each new option, resized with its box (a print page is
 * narrower than the wall). `label` names it for a screen reader; the numbers beside each chart
 * are in a table, so nothing is told by the picture alone.
 */
export function EChart({ option, label, height }: { option: ChartOption; label: string; height: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      className="report-chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid="report-chart"
    />
  );
}
