import type { Bar } from './bar.ts';

/**
 * Bars of one symbol stored column by column. Why: V8 keeps each number field of a `Bar` object
 * in its own heap box, so reading a million `Bar`s chases a million pointers; flat Float64Arrays
 * are read at memory speed. Backtests over long histories should pass series.
 */
export type BarSeries = {
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
};

/** A zero-filled series of `length` bars, for generators and importers to fill in. */
export function createBarSeries(length: number): BarSeries {
  return {
    length,
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/** Copies bars into columns. */
export function toBarSeries(bars: readonly Bar[]): BarSeries {
  const series = createBarSeries(bars.length);
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i] as Bar;
    series.time[i] = bar.time;
    series.open[i] = bar.open;
    series.high[i] = bar.high;
    series.low[i] = bar.low;
    series.close[i] = bar.close;
    series.volume[i] = bar.volume;
  }
  return series;
}

/** Bars `from` (inclusive) to `to` (exclusive) as a view sharing the columns (no copy). */
export function sliceBarSeries(series: BarSeries, from: number, to: number): BarSeries {
  const start = Math.max(0, Math.min(from, series.length));
  const end = Math.max(start, Math.min(to, series.length));
  return {
    length: end - start,
    time: series.time.subarray(start, end),
    open: series.open.subarray(start, end),
    high: series.high.subarray(start, end),
    low: series.low.subarray(start, end),
    close: series.close.subarray(start, end),
    volume: series.volume.subarray(start, end),
  };
}

/** Index of the first bar at or after `time` (`series.length` when there is none). */
export function firstBarAtOrAfter(series: BarSeries, time: number): number {
  let low = 0;
  let high = series.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((series.time[middle] as number) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The bar at `index` as a fresh object. */
export function barAt(series: BarSeries, index: number): Bar {
  return {
    time: series.time[index] as number,
    open: series.open[index] as number,
    high: series.high[index] as number,
    low: series.low[index] as number,
    close: series.close[index] as number,
    volume: series.volume[index] as number,
  };
}

/** True for a {@link BarSeries} rather than a `Bar[]`. */
export function isBarSeries(value: unknown): value is BarSeries {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as BarSeries).close instanceof Float64Array
  );
}
