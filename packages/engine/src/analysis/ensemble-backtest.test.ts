import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/run-backtest.ts';
import { runEnsembleBacktest } from './ensemble-backtest.ts';
import { DAY, dailyBars, START } from './test-bars.ts';

// MovingAverage(2, 3) on these closes: golden cross on day 4 (fast 10.5 > slow 10.33), so it
// buys 100 at day 5's open of 12. Day 6 closes at 10.5, 12.5 % under the average price, without
// a death cross (fast 11.25 > slow 11.17). Day 7 opens at 10. Days 8-11 rise into a new cross.
const PRICES: ReadonlyArray<readonly [number, number]> = [
  [10, 10],
  [10, 10],
  [10, 10],
  [10, 10],
  [11, 11],
  [12, 12],
  [12, 10.5],
  [10, 10],
  [10, 10],
  [11, 11],
  [12, 12],
  [13, 13],
];
const FAST = { name: 'MovingAverage', params: { fast: 2, slow: 3 } };
// Needs 200 bars to warm up, so over these bars it never trades: a cash-only member.
const IDLE = { name: 'MovingAverage', params: { fast: 100, slow: 200 } };
const BASE = { initialCash: 10_000, sizing: { type: 'fixed', quantity: 100 } } as const;

describe('runEnsembleBacktest', () => {
  it('with one member of weight 1 and no rules, is exactly runBacktest', () => {
    const bars = { X: dailyBars(PRICES) };
    const single = runBacktest({ ...BASE, bars, strategy: FAST });
    const ensemble = runEnsembleBacktest({
      ...BASE,
      bars,
      members: [{ ...FAST, weight: 1 }],
      settings: { rebalance: 'never' },
    });
    expect(ensemble.equityCurve).toEqual(single.equityCurve);
    expect(ensemble.metrics).toEqual(single.metrics);
    expect(ensemble.members[0]?.closedTrades).toEqual(single.closedTrades);
  });

  it('sells at the close that falls through the stop loss', () => {
    const result = runEnsembleBacktest({
      ...BASE,
      bars: { X: dailyBars(PRICES.slice(0, 8)) },
      members: [{ ...FAST, weight: 1, label: 'fast' }],
      settings: { rebalance: 'never', riskManagement: { stopLoss: 0.1 } },
    });
    // Bought 100 at 12, stop at 10.8; day 6 closes at 10.5, sold at that close.
    expect(result.riskEvents).toEqual([
      expect.objectContaining({
        rule: 'stop_loss',
        member: 'fast',
        symbol: 'X',
        time: START + 6 * DAY,
      }),
    ]);
    expect(result.members[0]?.closedTrades.map((trade) => trade.pnl)).toEqual([-150]);
    expect(result.metrics.finalEquity).toBe(9850);
    expect(result.halted).toBe(false);
  });

  it('sells everything and stops trading at the max drawdown', () => {
    const result = runEnsembleBacktest({
      ...BASE,
      bars: { X: dailyBars(PRICES) },
      members: [{ ...FAST, weight: 1 }],
      settings: { rebalance: 'never', riskManagement: { maxDrawdown: 0.01 } },
    });
    // Day 6: 10000 - 1200 + 1050 = 9850, 1.5 % under the 10000 peak: sold at that close.
    expect(result.riskEvents).toHaveLength(1);
    expect(result.riskEvents[0]).toMatchObject({ rule: 'max_drawdown', time: START + 6 * DAY });
    expect(result.halted).toBe(true);
    // Without the rule it buys again on the later cross; halted, it does not.
    const free = runEnsembleBacktest({
      ...BASE,
      bars: { X: dailyBars(PRICES) },
      members: [{ ...FAST, weight: 1 }],
      settings: { rebalance: 'never' },
    });
    expect(free.members[0]?.fills).toBeGreaterThan(2);
    expect(result.members[0]?.fills).toBe(2);
    expect(result.metrics.finalEquity).toBe(9850);
    expect(result.equityCurve.equity.at(-1)).toBe(9850);
  });

  it('moves cash between members towards their weights at each new period', () => {
    const options = {
      initialCash: 20_000,
      sizing: { type: 'fixed', quantity: 100 },
      bars: { X: dailyBars(PRICES.slice(0, 8)) },
      members: [
        { ...IDLE, weight: 0.5, label: 'idle' },
        { ...FAST, weight: 0.5, label: 'fast' },
      ],
    } as const;
    const never = runEnsembleBacktest({ ...options, settings: { rebalance: 'never' } });
    expect(never.members.map((member) => member.finalEquity)).toEqual([10_000, 9_800]);
    const daily = runEnsembleBacktest({ ...options, settings: { rebalance: 'daily' } });
    // Every day starts a new period: 7 rebalances over 8 bars.
    expect(daily.rebalances).toBe(7);
    expect(daily.metrics.finalEquity).toBeCloseTo(never.metrics.finalEquity, 9);
    // After the last one both hold half of the total.
    const total = daily.metrics.finalEquity;
    expect(daily.members[0]?.finalEquity).toBeCloseTo(total / 2, 9);
    expect(daily.members[1]?.finalEquity).toBeCloseTo(total / 2, 9);
  });

  it('refuses weights that do not sum to 1, and bad rules', () => {
    const bars = { X: dailyBars(PRICES) };
    expect(() =>
      runEnsembleBacktest({
        ...BASE,
        bars,
        members: [
          { ...FAST, weight: 0.5 },
          { ...IDLE, weight: 0.4 },
        ],
      }),
    ).toThrow('strategy weights must sum to 1 (got 0.9)');
    expect(() =>
      runEnsembleBacktest({ ...BASE, bars, members: [{ ...FAST, weight: -1 }] }),
    ).toThrow('weight of MovingAverage must be greater than 0 (got -1)');
    expect(() => runEnsembleBacktest({ ...BASE, bars, members: [] })).toThrow(
      'an ensemble needs at least one strategy',
    );
    expect(() =>
      runEnsembleBacktest({
        ...BASE,
        bars,
        members: [{ ...FAST, weight: 1 }],
        settings: { riskManagement: { stopLoss: 1.5 } },
      }),
    ).toThrow(/^settings\.riskManagement\.stopLoss: /);
    // 0.1 + 0.2 + 0.7 is 0.9999999999999999 in floats: within the tolerance.
    const three = runEnsembleBacktest({
      ...BASE,
      bars,
      members: [
        { ...FAST, weight: 0.1 },
        { ...IDLE, weight: 0.2 },
        { ...IDLE, weight: 0.7 },
      ],
    });
    expect(three.members).toHaveLength(3);
  });
});
