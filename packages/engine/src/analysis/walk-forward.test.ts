import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/run-backtest.ts';
import { DAY, randomWalkBars, START } from './test-bars.ts';
import { runWalkForward } from './walk-forward.ts';

/** A seeded daily random walk with enough swings for moving averages to cross. */
const walk = (count: number, seed: number) => randomWalkBars(count, seed);

const BASE = {
  initialCash: 100_000,
  commission: 0.001,
  sizing: { type: 'fixed', quantity: 100 },
} as const;
const STRATEGY = { name: 'MovingAverage', params: { fast: 5, slow: 20 } };

describe('runWalkForward', () => {
  it('rolls in-sample and out-of-sample windows over the bars', () => {
    const bars = walk(110, 1);
    const result = runWalkForward({
      ...BASE,
      bars,
      strategy: STRATEGY,
      settings: { window: 40, outOfSample: 20 },
    });
    // In-sample starts 0, 20, 40, 60; out-of-sample [40,60) [60,80) [80,100) [100,110).
    const spans = result.windows.map((window) => [
      (window.inSample.startTime - START) / DAY,
      window.inSample.bars,
      (window.outOfSample.startTime - START) / DAY,
      window.outOfSample.bars,
    ]);
    expect(spans).toEqual([
      [0, 40, 40, 20],
      [20, 40, 60, 20],
      [40, 40, 80, 20],
      [60, 40, 100, 10],
    ]);
    expect(result.outOfSampleEquity.times).toHaveLength(70);
    expect(result.outOfSampleEquity.times[0]).toBe(START + 40 * DAY);
  });

  it('chains the out-of-sample windows into the aggregate', () => {
    const result = runWalkForward({
      ...BASE,
      bars: walk(600, 2),
      strategy: STRATEGY,
      settings: { window: 120, outOfSample: 60 },
    });
    const windows = result.windows;
    expect(windows).toHaveLength(8);
    for (let i = 1; i < windows.length; i++) {
      expect(windows[i]?.outOfSampleMetrics.initialCash).toBe(
        windows[i - 1]?.outOfSampleMetrics.finalEquity,
      );
    }
    const trades = windows.reduce((sum, window) => sum + window.outOfSampleMetrics.totalTrades, 0);
    expect(trades).toBeGreaterThan(0);
    expect(result.outOfSampleMetrics.totalTrades).toBe(trades);
    expect(result.outOfSampleMetrics.initialCash).toBe(100_000);
    expect(result.outOfSampleMetrics.finalEquity).toBe(
      windows.at(-1)?.outOfSampleMetrics.finalEquity,
    );
    expect(result.combinations).toBe(1);
    expect(windows.every((window) => window.params.fast === 5)).toBe(true);
  });

  it('picks the grid combination with the best in-sample metric', () => {
    const bars = walk(400, 3);
    const grid = { fast: [3, 5, 8], slow: [15, 30] };
    const result = runWalkForward({
      ...BASE,
      bars,
      strategy: STRATEGY,
      settings: { window: 150, outOfSample: 50, grid, optimizeFor: 'totalReturn' },
    });
    expect(result.combinations).toBe(6);
    for (const window of result.windows) {
      // Each combination backtested alone over the same in-sample span (warmed on prior bars).
      const returns = [3, 5, 8].flatMap((fast) =>
        [15, 30].map((slow) => {
          const { metrics } = runBacktest({
            ...BASE,
            bars: { X: bars },
            strategy: { name: 'MovingAverage', params: { fast, slow } },
            startTime: window.inSample.startTime,
            endTime: window.inSample.endTime,
          });
          return { fast, slow, totalReturn: metrics.totalReturn };
        }),
      );
      const best = Math.max(...returns.map((entry) => entry.totalReturn));
      expect(window.inSampleMetrics.totalReturn).toBeCloseTo(best, 9);
      const chosen = returns.find(
        (entry) => entry.fast === window.params.fast && entry.slow === window.params.slow,
      );
      expect(chosen?.totalReturn).toBeCloseTo(best, 9);
    }
  });

  it('refuses too few bars, bad grid values and huge grids', () => {
    const bars = walk(100, 4);
    expect(() => runWalkForward({ ...BASE, bars, strategy: STRATEGY })).toThrow(
      'walk-forward with a 252-bar window needs more than 252 bars (got 100)',
    );
    expect(() =>
      runWalkForward({
        ...BASE,
        bars,
        strategy: STRATEGY,
        settings: { window: 50, grid: { fast: [5, 50] } },
      }),
    ).toThrow(
      'Invalid parameter "fast" for MovingAverage: must be less than slow (got fast 50, slow 20)',
    );
    expect(() =>
      runWalkForward({
        ...BASE,
        bars,
        strategy: STRATEGY,
        settings: {
          window: 50,
          grid: {
            fast: Array.from({ length: 40 }, (_, i) => i + 1),
            slow: Array.from({ length: 40 }, (_, i) => i + 50),
          },
        },
      }),
    ).toThrow('the parameter grid has 1600 combinations; at most 1000 are allowed');
    expect(() =>
      runWalkForward({ ...BASE, bars, strategy: STRATEGY, settings: { window: 1 } }),
    ).toThrow(/^walkForward\.window: /);
  });
});
