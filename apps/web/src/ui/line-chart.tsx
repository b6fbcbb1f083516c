import {
  ColorType,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  LineSeries,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';

export type ChartPoint = { time: number; value: number };
export type ChartMarker = { time: number; side: 'BUY' | 'SELL' };

function colors() {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue('--color-muted').trim() || '#475569',
    line: style.getPropertyValue('--color-accent').trim() || '#0f766e',
    grid: style.getPropertyValue('--color-line').trim() || '#e2e8f0',
  };
}

/** Unique ascending seconds, as lightweight-charts requires. */
function series(points: readonly ChartPoint[]) {
  const bySecond = new Map<number, number>();
  for (const point of points) bySecond.set(Math.floor(point.time / 1000), point.value);
  return [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([time, value]) => ({ time: time as UTCTimestamp, value }));
}

/**
 * A line over time (TradingView Lightweight Charts; its attribution logo stays on), with
 * buy/sell markers when given. `label` names the chart for assistive technology.
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
  const chart = useRef<IChartApi | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const palette = colors();
    const created = createChart(container.current, {
      height,
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: 'transparent' },
        textColor: palette.text,
        attributionLogo: true,
      },
      grid: { vertLines: { color: palette.grid }, horzLines: { color: palette.grid } },
      timeScale: { timeVisible: true },
    });
    chart.current = created;
    const line = created.addSeries(LineSeries, { color: palette.line, lineWidth: 2 });
    line.setData(series(points));
    const seconds = new Set(series(points).map((point) => point.time as number));
    const shown: SeriesMarker<Time>[] = markers
      .map((marker) => ({ ...marker, time: Math.floor(marker.time / 1000) }))
      .filter((marker) => seconds.has(marker.time))
      .sort((a, b) => a.time - b.time)
      .map((marker) => ({
        time: marker.time as UTCTimestamp,
        position: marker.side === 'BUY' ? 'belowBar' : 'aboveBar',
        shape: marker.side === 'BUY' ? 'arrowUp' : 'arrowDown',
        color: marker.side === 'BUY' ? '#16a34a' : '#dc2626',
        text: marker.side,
      }));
    createSeriesMarkers(line, shown);
    created.timeScale().fitContent();
    return () => {
      created.remove();
      chart.current = null;
    };
  }, [points, markers, height]);
  return <div ref={container} role="img" aria-label={label} style={{ height }} />;
}
