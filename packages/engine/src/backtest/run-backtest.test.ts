import { describe, expect, it } from 'vitest';
import type { Bar } from '../data/bar.ts';
import { toBarSeries } from '../data/bar-series.ts';
import { SeededRandom } from '../random/seeded-random.ts';
import type { Strategy, StrategyContext } from '../strategy/strategy.ts';
import { STRATEGY_REGISTRY } from '../strategy/strategy-registry.ts';
import { BacktestCancelledError } from './backtest-cancelled-error.ts';
import { runBacktest } from './run-backtest.ts';

const DAY = 86_400_000;

/** A seeded daily random walk. */
function walk(count: number, seed: number, start = Date.UTC(2020, 0, 1)): Bar[] {
  const random = new SeededRandom(seed);
  const bars: Bar[] = [];
  let close = 100;
  for (let i = 0; i < count; i++) {
    const open = close * (1 + (random.next() - 0.5) * 0.01);
    close = open * (1 + (random.next() - 0.5) * 0.04);
    const high = Math.max(open, close) * 1.005;
    const low = Math.min(open, close) * 0.995;
    bars.push({ time: start + i * DAY, open, high, low, close, volume: 1000 });
  }
  return bars;
}

const BASE = {
  initialCash: 100_000,
  commission: 0.001,
  sizing: { type: 'fixed', quantity: 100 },
} as const;

describe('runBacktest', () => {
  it('runs every built-in and returns aligned curves and consistent metrics', () => {
    const bars = walk(1500, 1);
    for (const name of STRATEGY_REGISTRY.keys()) {
      const result = runBacktest({ ...BASE, bars: { X: bars }, strategy: { name } });
      expect(result.strategy.name).toBe(name);
      expect(result.barsProcessed).toBe(1500);
      expect(result.equityCurve.equity).toHaveLength(1500);
      expect(result.equityCurve.times).toEqual(bars.map((bar) => bar.time));
      expect(result.drawdownCurve).toHaveLength(1500);
      expect(result.closedTrades.length, name).toBeGreaterThan(2);
      const realised = result.closedTrades.reduce((sum, trade) => sum + trade.pnl, 0);
      const open = result.openPositions.reduce((sum, p) => sum + p.marketValue - p.costBasis, 0);
      // Every unit of pnl is either in a closed trade or in the open position.
      expect(result.metrics.pnl).toBeCloseTo(realised + open, 6);
      const monthly = result.periodReturns.monthly;
      const compounded = monthly.reduce((growth, period) => growth * (1 + period.return), 1);
      expect(compounded).toBeCloseTo(
        result.metrics.finalEquity / (result.equityCurve.equity[0] as number),
        9,
      );
    }
  });

  it('gives the same result from Bar[] and from a BarSeries', () => {
    const bars = walk(400, 2);
    const a = runBacktest({ ...BASE, bars: { X: bars }, strategy: { name: 'Breakout' } });
    const b = runBacktest({
      ...BASE,
      bars: { X: toBarSeries(bars) },
      strategy: { name: 'Breakout' },
    });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('reports progress and can be cancelled midway', () => {
    const bars = walk(10_000, 3);
    const progress: number[] = [];
    runBacktest({
      ...BASE,
      bars: { X: bars },
      strategy: { name: 'MovingAverage' },
      onProgress: (done, total) => {
        expect(total).toBe(10_000);
        progress.push(done);
      },
    });
    expect(progress).toHaveLength(100);
    expect(progress.at(-1)).toBe(10_000);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));

    const signal = { aborted: false };
    let error: unknown;
    try {
      runBacktest({
        ...BASE,
        bars: { X: bars },
        strategy: { name: 'MovingAverage' },
        signal,
        onProgress: (done) => {
          if (done >= 5000) signal.aborted = true;
        },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BacktestCancelledError);
    expect((error as BacktestCancelledError).barsDone).toBeGreaterThanOrEqual(5000);
    expect((error as BacktestCancelledError).barsDone).toBeLessThan(10_000);
  });

  it('merges several symbols by time and shares one cash balance', () => {
    const a = walk(300, 4);
    const b = walk(200, 5, Date.UTC(2020, 0, 1) + 100 * DAY);
    const result = runBacktest({
      ...BASE,
      bars: { A: a, B: b },
      strategy: { name: 'MovingAverage', params: { fast: 5, slow: 20 } },
    });
    expect(result.symbols).toEqual(['A', 'B']);
    expect(result.barsProcessed).toBe(500);
    expect(result.equityCurve.times).toHaveLength(300); // B's days all fall inside A's
    expect(new Set(result.fills.map((fill) => fill.symbol))).toEqual(new Set(['A', 'B']));
    const times = result.fills.map((fill) => fill.time);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('accepts an instance for one symbol and a factory for several', () => {
    class Holder implements Strategy {
      readonly name = 'Holder';
      readonly warmupBars = 0;
      onBar(bar: Bar, context: StrategyContext): void {
        if (context.broker.positionQuantity(context.symbol) === 0) {
          context.broker.submitMarketOrder(context.symbol, 'BUY', context.entryQuantity(bar.close));
        }
      }
    }
    const bars = walk(50, 6);
    const single = runBacktest({
      ...BASE,
      bars: { X: bars },
      strategy: { instance: new Holder() },
    });
    expect(single.fills).toHaveLength(1);
    expect(single.openPositions[0]?.quantity).toBe(100);
    expect(() =>
      runBacktest({ ...BASE, bars: { X: bars, Y: bars }, strategy: { instance: new Holder() } }),
    ).toThrow('a strategy instance trades one symbol; pass a factory for several symbols');
    const both = runBacktest({
      ...BASE,
      bars: { X: bars, Y: bars },
      strategy: { factory: () => new Holder() },
    });
    expect(both.openPositions.map((position) => position.symbol)).toEqual(['X', 'Y']);
  });

  it('refuses bad options with messages naming the field', () => {
    const bars = { X: walk(10, 7) };
    const strategy = { name: 'MovingAverage' };
    expect(() => runBacktest({ ...BASE, bars: {}, strategy })).toThrow(
      'bars must name at least one symbol',
    );
    expect(() => runBacktest({ ...BASE, bars: { X: [] }, strategy })).toThrow(
      'bars.X must be a non-empty list of bars',
    );
    expect(() => runBacktest({ ...BASE, bars, strategy, initialCash: -5 })).toThrow(
      'initialCash must be a number greater than 0 (got -5)',
    );
    expect(() => runBacktest({ ...BASE, bars, strategy, slippage: -0.1 })).toThrow(
      'slippage must be a number at least 0 and less than 1 (got -0.1)',
    );
    expect(() => runBacktest({ ...BASE, bars, strategy: { name: 'Nope' } })).toThrow(
      /^Unknown strategy "Nope"/,
    );
    expect(() =>
      runBacktest({ ...BASE, bars, strategy: { name: 'MovingAverage', params: { slow: 5 } } }),
    ).toThrow(
      'Invalid parameter "fast" for MovingAverage: must be less than slow (got fast 10, slow 5)',
    );
    expect(() =>
      runBacktest({ ...BASE, bars, strategy, sizing: { type: 'fixed', quantity: 0 } }),
    ).toThrow(/^sizing\.quantity: /);
    const shuffled = walk(10, 8).reverse();
    expect(() => runBacktest({ ...BASE, bars: { X: shuffled }, strategy })).toThrow(
      /bar for X at \d+ is not after the previous bar/,
    );
  });

  it('trades from startTime to endTime, warming up on the bars before', () => {
    // Buys whenever flat: on a warm-up bar its order is dropped, so the first fill is at the
    // open after startTime's bar.
    class Buyer implements Strategy {
      readonly name = 'Buyer';
      readonly warmupBars = 0;
      onBar(_bar: Bar, context: StrategyContext): void {
        if (!context.broker.hasPendingOrder(context.symbol)) {
          if (context.broker.positionQuantity(context.symbol) === 0) {
            context.broker.submitMarketOrder(context.symbol, 'BUY', 10);
          }
        }
      }
    }
    const bars = walk(10, 10);
    const day = (index: number) => (bars[index] as Bar).time;
    const result = runBacktest({
      ...BASE,
      commission: 0,
      bars: { X: bars },
      strategy: { instance: new Buyer() },
      startTime: day(3),
      endTime: day(6),
    });
    expect(result.equityCurve.times).toEqual([day(3), day(4), day(5), day(6)]);
    expect(result.fills).toHaveLength(1);
    expect(result.fills[0]).toMatchObject({ time: day(4), price: (bars[4] as Bar).open });
    const expected = 100_000 - 10 * (bars[4] as Bar).open + 10 * (bars[6] as Bar).close;
    expect(result.metrics.finalEquity).toBeCloseTo(expected, 9);
    expect(result.equityCurve.equity[0]).toBe(100_000);
  });

  it('refuses an end before the start and a range without bars', () => {
    const bars = { X: walk(10, 11) };
    const strategy = { name: 'MovingAverage' };
    const start = Date.UTC(2020, 0, 5);
    expect(() =>
      runBacktest({ ...BASE, bars, strategy, startTime: start, endTime: start - DAY }),
    ).toThrow('endTime (2020-01-04T00:00:00.000Z) is before startTime (2020-01-05T00:00:00.000Z)');
    expect(() => runBacktest({ ...BASE, bars, strategy, startTime: Date.UTC(2021, 0, 1) })).toThrow(
      'no bars between startTime and endTime',
    );
    expect(() => runBacktest({ ...BASE, bars, strategy, endTime: Date.UTC(2019, 0, 1) })).toThrow(
      'no bars between startTime and endTime',
    );
  });

  it('adds Monte Carlo bands seeded by the run seed', () => {
    const bars = { X: walk(1000, 9) };
    const options = {
      ...BASE,
      bars,
      strategy: { name: 'MeanReversion' },
      monteCarlo: { runs: 100 },
    };
    const a = runBacktest({ ...options, seed: 1 });
    const b = runBacktest({ ...options, seed: 2 });
    expect(a.monteCarlo?.runs).toBe(100);
    expect(a.monteCarlo?.tradesPerRun).toBe(a.closedTrades.length);
    expect(a.monteCarlo?.finalEquity).not.toEqual(b.monteCarlo?.finalEquity);
    expect(a.metrics).toEqual(b.metrics); // the seed does not touch a deterministic strategy
  });
});
