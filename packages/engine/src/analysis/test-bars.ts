import type { Bar } from '../data/bar.ts';

export const DAY = 86_400_000;
export const START = Date.UTC(2024, 0, 1);

/** Daily bars from `[open, close]` pairs, one day apart from `START` (high/low span both). */
export function dailyBars(prices: ReadonlyArray<readonly [number, number]>): Bar[] {
  return prices.map(([open, close], index) => ({
    time: START + index * DAY,
    open,
    high: Math.max(open, close),
    low: Math.min(open, close),
    close,
    volume: 1000,
  }));
}
