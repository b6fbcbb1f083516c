import { describe, expect, it } from 'vitest';
import { drawdownCurve, maxDrawdown } from './drawdown.ts';
import { computeMetrics, MIN_RETURNS_FOR_ANNUALISED } from './performance-metrics.ts';
import { periodLabel, periodReturns } from './period-returns.ts';
import {
  annualizedReturn,
  calmarRatio,
  sharpeRatio,
  simpleReturns,
  sortinoRatio,
} from './return-ratios.ts';
import { percentileOfSorted, sampleStandardDeviation } from './statistics.ts';
import { tradeStatistics } from './trade-statistics.ts';

// Equity 100 -> 110 -> 99 -> 108.9: returns +10 %, -10 %, +10 %.
const EQUITY = [100, 110, 99, 108.9];

describe('return ratios, by hand', () => {
  it('computes simple returns', () => {
    const returns = [...simpleReturns(EQUITY)];
    expect(returns[0]).toBeCloseTo(0.1, 12);
    expect(returns[1]).toBeCloseTo(-0.1, 12);
    expect(returns[2]).toBeCloseTo(0.1, 12);
  });

  it('Sharpe: mean / sample stdev * sqrt(P)', () => {
    // mean 0.1/3; deviations 0.0667, -0.1333, 0.0667 -> squares sum 0.02667 -> var 0.013333
    const mean = 0.1 / 3;
    const sd = Math.sqrt(((0.2 / 3) ** 2 * 2 + (0.4 / 3) ** 2) / 2);
    expect(sampleStandardDeviation([0.1, -0.1, 0.1])).toBeCloseTo(sd, 12);
    expect(sharpeRatio(simpleReturns(EQUITY), 252)).toBeCloseTo((mean / sd) * Math.sqrt(252), 9);
    // A risk-free rate of 25.2 % a year is 0.1 % a period.
    expect(sharpeRatio(simpleReturns(EQUITY), 252, 0.252)).toBeCloseTo(
      ((mean - 0.001) / sd) * Math.sqrt(252),
      9,
    );
    expect(sharpeRatio([0.01, 0.01], 252)).toBeNull();
  });

  it('Sortino: mean / downside deviation over all periods * sqrt(P)', () => {
    // downside: only -0.1 -> sqrt(0.01 / 3)
    const downside = Math.sqrt(0.01 / 3);
    expect(sortinoRatio(simpleReturns(EQUITY), 252)).toBeCloseTo(
      (0.1 / 3 / downside) * Math.sqrt(252),
      9,
    );
    expect(sortinoRatio([0.01, 0.02], 252)).toBeNull();
  });

  it('CAGR over the periods of the curve, and Calmar = CAGR / max drawdown', () => {
    // 100 -> 121 over 2 periods with P = 2 (a year): 21 %
    expect(annualizedReturn([100, 110, 121], 2)).toBeCloseTo(0.21, 12);
    // same growth over 4 periods with P = 2 (two years): 10 % a year
    expect(annualizedReturn([100, 105, 110, 115, 121], 2)).toBeCloseTo(0.1, 12);
    expect(annualizedReturn([100, 0], 252)).toBe(-1);
    expect(calmarRatio(0.2, 0.1)).toBeCloseTo(2, 12);
    expect(calmarRatio(0.2, 0)).toBeNull();
  });
});

describe('drawdown', () => {
  it('is 1 - equity / running peak, positive', () => {
    const curve = drawdownCurve([100, 120, 90, 120, 130, 65]);
    expect(curve).toEqual([0, 0, 0.25, 0, 0, 0.5]);
  });

  it('reports the deepest fall and the longest time under water', () => {
    // peak 120 at 1, trough 90 at 2 (25 %), recovered at 3 (2 bars); 130 at 4 then 117..: 10 %
    // never recovered to the end (index 7): 3 bars
    expect(maxDrawdown([100, 120, 90, 120, 130, 117, 120, 125])).toEqual({
      maxDrawdown: 0.25,
      peakIndex: 1,
      troughIndex: 2,
      longestDurationBars: 3,
    });
    expect(maxDrawdown([1, 2, 3]).maxDrawdown).toBe(0);
  });
});

describe('trade statistics', () => {
  it('win rate, profit factor, averages and extremes of closed trades', () => {
    expect(tradeStatistics([100, -50, 0, 200, -25])).toEqual({
      totalTrades: 5,
      winningTrades: 2,
      losingTrades: 2,
      winRate: 0.4,
      profitFactor: 4, // 300 / 75
      grossProfit: 300,
      grossLoss: 75,
      averageWin: 150,
      averageLoss: -37.5,
      largestWin: 200,
      largestLoss: -50,
    });
    expect(tradeStatistics([])).toMatchObject({ winRate: null, profitFactor: null });
  });
});

describe('computeMetrics', () => {
  it('puts the pieces together', () => {
    const metrics = computeMetrics({
      initialCash: 100,
      equity: EQUITY,
      tradePnls: [10, -11, 9.9],
      totalFees: 1.5,
    });
    expect(metrics.finalEquity).toBe(108.9);
    expect(metrics.pnl).toBeCloseTo(8.9, 12);
    expect(metrics.totalReturn).toBeCloseTo(0.089, 12);
    expect(metrics.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(metrics.totalTrades).toBe(3);
    expect(metrics.winRate).toBeCloseTo(2 / 3, 12);
    expect(metrics.periodsPerYear).toBe(252);
    // Three returns are too few to annualise.
    expect(metrics).toMatchObject({
      annualizedReturn: null,
      annualizedVolatility: null,
      sharpeRatio: null,
      sortinoRatio: null,
      calmarRatio: null,
    });
  });

  it(`annualises from ${MIN_RETURNS_FOR_ANNUALISED} returns on`, () => {
    // Alternating +10 % / -5 %: returns known exactly, a drawdown of 5 % after each rise.
    const equity = [100];
    for (let i = 0; i < MIN_RETURNS_FOR_ANNUALISED; i++) {
      equity.push((equity[i] as number) * (i % 2 === 0 ? 1.1 : 0.95));
    }
    const returns = simpleReturns(equity);
    const metrics = computeMetrics({ initialCash: 100, equity, tradePnls: [] });
    expect(metrics.annualizedVolatility).toBeCloseTo(
      sampleStandardDeviation(returns) * Math.sqrt(252),
      9,
    );
    expect(metrics.sharpeRatio).toBeCloseTo(sharpeRatio(returns, 252) as number, 9);
    expect(metrics.sortinoRatio).toBeCloseTo(sortinoRatio(returns, 252) as number, 9);
    expect(metrics.annualizedReturn).toBeCloseTo(1.045 ** (252 / 2) - 1, 3);
    expect(metrics.calmarRatio).toBeCloseTo((metrics.annualizedReturn as number) / 0.05, 3);
    const short = computeMetrics({ initialCash: 100, equity: equity.slice(0, -1), tradePnls: [] });
    expect(short.sharpeRatio).toBeNull();
  });
});

describe('period returns', () => {
  const day = 86_400_000;
  const monday = Date.UTC(2024, 0, 1); // 2024-01-01 is a Monday, ISO week 2024-W01

  it('chains close-to-close returns per day, ISO week and month', () => {
    const times = [monday, monday + day / 2, monday + day, monday + 7 * day, monday + 31 * day];
    const equity = [100, 110, 121, 121, 60.5];
    expect(periodReturns(times, equity, 'daily').map((p) => [p.period, p.return])).toEqual([
      ['2024-01-01', 0.10000000000000009],
      ['2024-01-02', 0.10000000000000009],
      ['2024-01-08', 0],
      ['2024-02-01', -0.5],
    ]);
    const weekly = periodReturns(times, equity, 'weekly');
    expect(weekly.map((p) => p.period)).toEqual(['2024-W01', '2024-W02', '2024-W05']);
    expect(weekly[0]).toMatchObject({ startEquity: 100, endEquity: 121, pnl: 21 });
    expect(weekly[1]).toMatchObject({ startEquity: 121, endEquity: 121, return: 0 });
    const monthly = periodReturns(times, equity, 'monthly');
    expect(monthly.map((p) => [p.period, p.startEquity, p.endEquity])).toEqual([
      ['2024-01', 100, 121],
      ['2024-02', 121, 60.5],
    ]);
  });

  it('labels ISO weeks at year boundaries', () => {
    expect(periodLabel(Date.UTC(2021, 0, 3), 'weekly')).toBe('2020-W53'); // a Sunday
    expect(periodLabel(Date.UTC(2024, 11, 30), 'weekly')).toBe('2025-W01'); // a Monday
    expect(periodLabel(Date.UTC(2026, 11, 31), 'monthly')).toBe('2026-12');
  });

  it('finds month boundaries across centuries and leap years', () => {
    const times = [
      Date.UTC(1999, 11, 31),
      Date.UTC(2000, 0, 1),
      Date.UTC(2000, 1, 29),
      Date.UTC(2000, 2, 1),
    ];
    expect(periodReturns(times, [1, 2, 3, 4], 'monthly').map((p) => p.period)).toEqual([
      '1999-12',
      '2000-01',
      '2000-02',
      '2000-03',
    ]);
  });

  it('labels every third day of four centuries as the calendar does', () => {
    const times = Array.from({ length: 50_000 }, (_, i) => Date.UTC(1650, 0, 1) + i * 3 * day);
    const equity = times.map((_, i) => 100 + (i % 11));
    const daily = periodReturns(times, equity, 'daily');
    expect(daily.map((p) => p.period)).toEqual(times.map((time) => periodLabel(time, 'daily')));
    const weekly = periodReturns(times, equity, 'weekly');
    expect(weekly.map((p) => p.period)).toEqual([
      ...new Set(times.map((time) => periodLabel(time, 'weekly'))),
    ]);
    const monthly = periodReturns(times, equity, 'monthly');
    expect(monthly.map((p) => p.period)).toEqual([
      ...new Set(times.map((time) => periodLabel(time, 'monthly'))),
    ]);
    expect(monthly.every((p, i) => p.startEquity === (monthly[i - 1]?.endEquity ?? 100))).toBe(
      true,
    );
  });
});

describe('percentiles', () => {
  it('interpolates linearly between closest ranks (type 7)', () => {
    const sorted = [1, 2, 3, 4, 5];
    expect(percentileOfSorted(sorted, 50)).toBe(3);
    expect(percentileOfSorted(sorted, 5)).toBeCloseTo(1.2, 12);
    expect(percentileOfSorted(sorted, 95)).toBeCloseTo(4.8, 12);
    expect(percentileOfSorted([7], 25)).toBe(7);
  });
});
