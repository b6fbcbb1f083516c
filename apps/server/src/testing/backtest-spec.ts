import type { BacktestJobSpec } from '../runtime/backtests/backtest-job-spec.ts';

/**
 * For backtest tests: a one-strategy MovingAverage job over a CSV upload of `symbol`, daily bars,
 * no slippage, no Monte Carlo or walk-forward; the costs and sizing are the test's.
 */
export function movingAverageSpec(options: {
  name: string;
  symbol: string;
  params: { fast: number; slow: number };
  initialCapital: number;
  commission: number;
  quantity: number;
}): BacktestJobSpec {
  return {
    kind: 'backtest',
    name: options.name,
    data: {
      source: 'csv',
      symbols: [options.symbol],
      timeframe: '1d',
      start: null,
      end: null,
      seed: null,
    },
    initialCapital: options.initialCapital,
    commission: options.commission,
    slippage: 0,
    sizing: { type: 'fixed', quantity: options.quantity },
    seed: 1,
    periodsPerYear: 252,
    strategies: [
      {
        name: 'MovingAverage',
        params: options.params,
        label: 'MovingAverage',
        strategyId: null,
        weight: null,
      },
    ],
    ensemble: null,
    comparison: null,
    monteCarlo: null,
    walkForward: null,
  };
}
