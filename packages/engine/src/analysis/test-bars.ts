import type { Bar } from '../data/bar.ts';
import { SeededRandom } from '../random/seeded-random.ts';

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

/**
 * A seeded daily random walk from `start` with daily moves up to ±`volatility / 2`, enough
 * swings for moving averages to cross.
 */
export function randomWalkBars(count: number, seed: number, start = 100, volatility = 0.05): Bar[] {
  const random = new SeededRandom(seed);
  let close = start;
  const prices = Array.from({ length: count }, (): [number, number] => {
    const open = close * (1 + (random.next() - 0.5) * 0.01);
    close = open * (1 + (random.next() - 0.5) * volatility);
    return [open, close];
  });
  return dailyBars(prices);
}
