import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/run-backtest.ts';
import { compareStrategies } from './compare-strategies.ts';
import { randomWalkBars } from './test-bars.ts';

const walk = (count: number, seed: number) => randomWalkBars(count, seed, 50, 0.04);

const BASE = {
  bars: { X: walk(800, 11) },
  initialCash: 100_000,
  commission: 0.001,
  sizing: { type: 'fixed', quantity: 100 },
} as const;

describe('compareStrategies', () => {
  it('ranks each metric the right way round and orders by rankBy', () => {
    const strategies = [
      { name: 'MovingAverage' },
      { name: 'Momentum' },
      { name: 'MeanReversion' },
      { name: 'Breakout' },
    ];
    const result = compareStrategies({
      ...BASE,
      strategies,
      settings: { metrics: ['totalReturn', 'maxDrawdown'], rankBy: 'maxDrawdown' },
    });
    expect(result.metrics).toEqual(['totalReturn', 'maxDrawdown']);
    const alone = strategies.map((strategy) => runBacktest({ ...BASE, strategy }).metrics);
    const drawdowns = alone.map((metrics) => metrics.maxDrawdown).sort((a, b) => a - b);
    // Smallest drawdown first.
    expect(result.entries.map((entry) => entry.values.maxDrawdown)).toEqual(drawdowns);
    expect(result.entries.map((entry) => entry.rank)).toEqual([1, 2, 3, 4]);
    const returns = alone.map((metrics) => metrics.totalReturn).sort((a, b) => b - a);
    for (const entry of result.entries) {
      // Largest return is place 1.
      expect(entry.ranks.totalReturn).toBe(returns.indexOf(entry.values.totalReturn as number) + 1);
    }
  });

  it('shares places between equal values and labels entries by their parameters', () => {
    const result = compareStrategies({
      ...BASE,
      strategies: [
        { name: 'MovingAverage', params: { fast: 10, slow: 30 }, label: 'a' },
        { name: 'MovingAverage', params: { fast: 10, slow: 30 }, label: 'b' },
        { name: 'MovingAverage', params: { fast: 20, slow: 60 } },
      ],
      settings: { metrics: ['totalTrades'] },
    });
    const byLabel = Object.fromEntries(result.entries.map((entry) => [entry.label, entry]));
    expect(byLabel.a?.values.totalTrades).toBe(byLabel.b?.values.totalTrades);
    expect(byLabel.a?.rank).toBe(byLabel.b?.rank);
    expect(Object.keys(byLabel)).toContain('MovingAverage(fast=20, slow=60)');
    // The slower pair crosses less often: fewer trades, a lower place on totalTrades.
    expect(byLabel['MovingAverage(fast=20, slow=60)']?.rank).toBe(3);
  });

  it('takes 2 to 10 strategies', () => {
    const one = [{ name: 'MovingAverage' }];
    expect(() => compareStrategies({ ...BASE, strategies: one })).toThrow(
      'compare takes 2 to 10 strategies (got 1)',
    );
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      name: 'MovingAverage',
      label: `s${i}`,
    }));
    expect(() => compareStrategies({ ...BASE, strategies: eleven })).toThrow(
      'compare takes 2 to 10 strategies (got 11)',
    );
    expect(() =>
      compareStrategies({
        ...BASE,
        strategies: [{ name: 'MovingAverage' }, { name: 'MovingAverage' }],
      }),
    ).toThrow('"MovingAverage(fast=10, slow=30)" is compared twice');
    expect(() =>
      compareStrategies({
        ...BASE,
        strategies: [{ name: 'MovingAverage' }, { name: 'Momentum' }],
        settings: { metrics: ['luck' as 'winRate'] },
      }),
    ).toThrow(/^settings\.metrics\.0: /);
  });
});
