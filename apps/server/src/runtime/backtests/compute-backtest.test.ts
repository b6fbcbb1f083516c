import { MAX_STORED_TRADES } from '@tradewind/core';
import { createBarSeries } from '@tradewind/engine';
import { describe, expect, it } from 'vitest';
import { movingAverageSpec } from '../../testing/backtest-spec.ts';
import { computeBacktest } from './compute-backtest.ts';

const DAY = 86_400_000;

/** A price that rises two days and falls two: SMA(1) crosses SMA(2) twice every four bars. */
function zigzag(length: number) {
  const bars = createBarSeries(length);
  for (let i = 0; i < length; i++) {
    const price = 100 + (i % 4 < 2 ? i % 4 : 4 - (i % 4));
    bars.time[i] = Date.UTC(2000, 0, 1) + i * DAY;
    bars.open[i] = price;
    bars.high[i] = price + 0.5;
    bars.low[i] = price - 0.5;
    bars.close[i] = price;
    bars.volume[i] = 1000;
  }
  return bars;
}

const spec = movingAverageSpec({
  name: 'zigzag',
  symbol: 'ZZ',
  params: { fast: 1, slow: 2 },
  initialCapital: 10_000_000,
  commission: 0,
  quantity: 10,
});

describe('computeBacktest', () => {
  it('stores the first trades within the budget and counts the rest', () => {
    const { metrics, result } = computeBacktest(spec, { ZZ: zigzag(40_000) }, {});
    expect(metrics.totalTrades).toBeGreaterThan(MAX_STORED_TRADES);
    expect(result.trades).toHaveLength(MAX_STORED_TRADES);
    expect(result.tradesOmitted).toBe(metrics.totalTrades - MAX_STORED_TRADES);
    const exits = result.trades.map((trade) => trade.exitTime);
    expect(exits).toEqual([...exits].sort((a, b) => a - b));
    expect(result.equityCurve.times.length).toBeLessThanOrEqual(1000);
  });

  it("stores the whole run's period and its curves bounded, deepest drawdown and final equity kept", () => {
    const bars = zigzag(40_000);
    const { metrics, result } = computeBacktest(spec, { ZZ: bars }, {});
    expect(result.period).toEqual({
      startTime: bars.time[0],
      endTime: bars.time[39_999],
      bars: 40_000,
    });
    expect(result.equityCurve.times.at(-1)).toBe(bars.time[39_999]);
    expect(result.equityCurve.equity.at(-1)).toBe(metrics.finalEquity);
    expect(Math.max(...result.drawdownCurve)).toBe(metrics.maxDrawdown);
    expect(result.drawdownCurve).toHaveLength(result.equityCurve.times.length);
  });
});
