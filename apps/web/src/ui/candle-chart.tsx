import { CandlestickSeries, createSeriesMarkers } from 'lightweight-charts';
import { useEffect, useMemo, useRef } from 'react';
import {
  type ChartMarker,
  chartColors,
  createThemedChart,
  fillMarkers,
  toSeconds,
} from './chart-base.ts';

export type ChartCandle = { time: number; open: number; high: number; low: number; close: number };

/**
 * Candles (TradingView Lightweight Charts) with buy/sell markers on the bars they filled on.
 * The accessible name says how many bars and marked fills it shows.
 */
export function CandleChart({
  label,
  candles,
  markers = [],
  height = 320,
}: {
  label: string;
  candles: readonly ChartCandle[];
  markers?: readonly ChartMarker[];
  height?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const data = useMemo(
    () => candles.map((candle) => ({ ...candle, time: toSeconds(candle.time) })),
    [candles],
  );
  const shown = useMemo(
    () => fillMarkers(markers, new Set(data.map((bar) => bar.time))),
    [markers, data],
  );
  useEffect(() => {
    if (!container.current) return;
    const palette = chartColors();
    const chart = createThemedChart(container.current, height);
    const series = chart.addSeries(CandlestickSeries, {
      upColor: palette.gain,
      downColor: palette.loss,
      wickUpColor: palette.gain,
      wickDownColor: palette.loss,
      borderVisible: false,
    });
    series.setData(data);
    createSeriesMarkers(series, shown);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [data, shown, height]);
  return (
    <div
      ref={container}
      role="img"
      aria-label={`${label}: ${data.length} bars, ${shown.length} fills marked`}
      style={{ height }}
    />
  );
}
