import { type BarSeries, createBarSeries, SeededRandom } from '@tradewind/engine';

/** A seeded daily random walk with enough swings for moving averages to cross. */
export function walkBars(count: number, seed = 3): BarSeries {
  const random = new SeededRandom(seed);
  const series = createBarSeries(count);
  let close = 100;
  for (let i = 0; i < count; i++) {
    const open = close * (1 + (random.next() - 0.5) * 0.01);
    close = open * (1 + (random.next() - 0.5) * 0.04);
    series.time[i] = Date.UTC(2020, 0, 1) + i * 86_400_000;
    series.open[i] = open;
    series.high[i] = Math.max(open, close) * 1.005;
    series.low[i] = Math.min(open, close) * 0.995;
    series.close[i] = close;
    series.volume[i] = 1000;
  }
  return series;
}
