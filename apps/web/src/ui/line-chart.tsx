import { createSeriesMarkers, LineSeries } from 'lightweight-charts';
import { useEffect, useMemo, useRef } from 'react';
import {
  type ChartMarker,
  chartColors,
  createThemedChart,
  fillMarkers,
  toSeconds,
} from './chart-base.ts';

export type ChartPoint = { time: number; value: number };
export type { ChartMarker };

/** Unique ascending seconds, as lightweight-charts requires (the last value of a second wins). */
function series(points: readonly ChartPoint[]) {
  const bySecond = new Map<number, number>();
  for (const point of points) bySecond.set(toSeconds(point.time), point.value);
  return [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([seconds, value]) => ({ time: toSeconds(seconds * 1000), value }));
}

/**
 * A line over time (TradingView Lightweight Charts), with buy/sell markers when given. `label`
 * names the chart for assistive technology.
 */
export function LineChart({
  label,
  points,
  markers = [],
  height = 260,
}: {
  label: string;
  points: readonly ChartPoint[];
  markers?: readonly ChartMarker[];
  height?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const data = useMemo(() => series(points), [points]);
  const shown = useMemo(
    () => fillMarkers(markers, new Set(data.map((point) => point.time))),
    [markers, data],
  );
  useEffect(() => {
    if (!container.current) return;
    const chart = createThemedChart(container.current, height);
    const line = chart.addSeries(LineSeries, { color: chartColors().line, lineWidth: 2 });
    line.setData(data);
    createSeriesMarkers(line, shown);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [data, shown, height]);
  return <div ref={container} role="img" aria-label={label} style={{ height }} />;
}
