import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZBacktestCompareInput, ZBacktestRunInput } from './backtests.ts';

const sma = { type: 'builtin', name: 'MovingAverage', params: { fast: 10, slow: 30 } } as const;
const candles = {
  source: 'candles',
  symbols: ['NVDA'],
  start: '2005-01-01T00:00:00Z',
  end: '2009-12-31T00:00:00Z',
} as const;

/** The one-line message the API answers a bad input with. */
function problem(schema: z.ZodType, input: unknown): string {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return z.prettifyError(parsed.error);
}

describe('backtest contracts', () => {
  // Seed 002's fields with one set of defaults for every door: costs and sizing of a default
  // (balanced) paper bot, where the seed's model had commission 0 (issue 12, item 16).
  it('fills in the backtest defaults', () => {
    const parsed = ZBacktestRunInput.parse({ strategy: sma, data: candles });
    expect(parsed).toMatchObject({
      initialCapital: 10_000,
      commission: 0.001,
      slippage: 0,
      includeMonteCarlo: false,
      monteCarloRuns: 1000,
      walkForward: false,
      walkForwardWindow: 252,
      seed: 1,
      sizing: { type: 'percent_of_equity', percent: 25, lotSize: 1 },
    });
    expect(parsed.data).toMatchObject({ timeframe: '1d' });
  });

  it('refuses an end before the start, naming both', () => {
    expect(
      problem(ZBacktestRunInput, {
        strategy: sma,
        data: { ...candles, start: '2010-01-01T00:00:00Z', end: '2009-01-01T00:00:00Z' },
      }),
    ).toMatch(
      /end \(2009-01-01T00:00:00Z\) is before start \(2010-01-01T00:00:00Z\)[\s\S]*at data\.end/,
    );
  });

  it('wants ensemble weights that sum to 1 (within float noise)', () => {
    const ensemble = (weights: number[]) => ({
      strategy: { type: 'ensemble', members: weights.map((weight) => ({ strategy: sma, weight })) },
      data: candles,
    });
    expect(ZBacktestRunInput.safeParse(ensemble([0.1, 0.2, 0.7])).success).toBe(true);
    expect(problem(ZBacktestRunInput, ensemble([0.5, 0.4]))).toMatch(
      /weights must sum to 1 \(they sum to 0\.9\)/,
    );
    expect(problem(ZBacktestRunInput, ensemble([1]))).toMatch(/at least 2 strategies/);
  });

  it('takes risk rules in fractions for one strategy; an ensemble keeps them in riskManagement', () => {
    const risk = { stopLoss: 0.03, maxDrawdown: 0.1, maxDailyLoss: 0.05, cooldownBars: 5 };
    expect(ZBacktestRunInput.parse({ strategy: sma, data: candles, risk }).risk).toEqual(risk);
    expect(
      problem(ZBacktestRunInput, { strategy: sma, data: candles, risk: { stopLoss: 3 } }),
    ).toMatch(/at risk\.stopLoss/);
    const ensemble = {
      type: 'ensemble',
      members: [
        { strategy: sma, weight: 0.5 },
        { strategy: sma, weight: 0.5 },
      ],
    };
    const parsed = ZBacktestRunInput.parse({
      strategy: { ...ensemble, riskManagement: risk },
      data: candles,
    });
    expect(parsed.strategy).toMatchObject({ riskManagement: risk });
    expect(problem(ZBacktestRunInput, { strategy: ensemble, data: candles, risk })).toMatch(
      /an ensemble's risk rules go in strategy\.riskManagement[\s\S]*at risk/,
    );
    expect(
      problem(ZBacktestRunInput, { strategy: sma, data: candles, risk, walkForward: true }),
    ).toMatch(/walk-forward runs without risk rules/);
  });

  it('compares 2 to 10 strategies', () => {
    const compare = (count: number) => ({
      strategies: Array.from({ length: count }, () => sma),
      data: candles,
    });
    expect(ZBacktestCompareInput.safeParse(compare(10)).success).toBe(true);
    expect(problem(ZBacktestCompareInput, compare(11))).toMatch(/compare takes 2 to 10 strategies/);
    expect(problem(ZBacktestCompareInput, compare(1))).toMatch(/compare takes 2 to 10 strategies/);
  });

  it('runs a walk-forward on a single strategy and symbol only', () => {
    expect(
      problem(ZBacktestRunInput, {
        strategy: sma,
        data: { ...candles, symbols: ['NVDA', 'ORCL'] },
        walkForward: true,
      }),
    ).toMatch(/walk-forward runs on one symbol/);
  });
});
