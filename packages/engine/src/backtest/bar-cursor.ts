import type { Bar } from '../data/bar.ts';
import type { BarSeries } from '../data/bar-series.ts';

/**
 * One reusable, mutable bar that the backtester loads from a {@link BarSeries} for each step, so
 * replaying a million bars allocates nothing. Strategies get it as a `Bar` and, per the
 * `Strategy` contract, read it during `onBar` without keeping a reference.
 */
export class BarCursor implements Bar {
  time = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;

  /** Loads bar `index` of `series` into this object and returns it. */
  load(series: BarSeries, index: number): this {
    this.time = series.time[index] as number;
    this.open = series.open[index] as number;
    this.high = series.high[index] as number;
    this.low = series.low[index] as number;
    this.close = series.close[index] as number;
    this.volume = series.volume[index] as number;
    return this;
  }
}
