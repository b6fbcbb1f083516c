import { DomainError } from '@tradewind/core';
import { z } from 'zod';
import type { BacktestOptions } from '../backtest/backtest-options.ts';
import type { ResultDetail } from '../backtest/result-curves.ts';
import { runBacktest } from '../backtest/run-backtest.ts';
import type { Bar } from '../data/bar.ts';
import { type BarSeries, isBarSeries, sliceBarSeries, toBarSeries } from '../data/bar-series.ts';
import { observedPeriodsPerYear } from '../metrics/observed-periods-per-year.ts';
import { computeMetrics, type PerformanceMetrics } from '../metrics/performance-metrics.ts';
import { getStrategyDefinition } from '../strategy/strategy-registry.ts';
import { compareByMetric, ZRankingMetric } from './metric-ranking.ts';
import { expandGrid, ZParameterGrid } from './parameter-grid.ts';

/** How the history is cut and what is optimised; the engine-level input of a walk-forward. */
export const ZWalkForwardSettings = z.strictObject({
  /** In-sample bars per window (`walk_forward_window`). */
  window: z.int().min(2).max(1_000_000).default(252),
  /** Out-of-sample bars after each in-sample window; the windows roll forward by this much. */
  outOfSample: z.int().min(1).max(1_000_000).optional(),
  /** Parameter values to try in-sample; without one, the given parameters are only re-tested. */
  grid: ZParameterGrid.optional(),
  /** The in-sample metric the grid is optimised on. */
  optimizeFor: ZRankingMetric.default('sharpeRatio'),
});
export type WalkForwardSettings = z.input<typeof ZWalkForwardSettings>;

/** Inputs: the backtest's costs and sizing, one symbol's bars, a registered strategy. */
export type WalkForwardOptions = Pick<
  BacktestOptions,
  | 'initialCash'
  | 'commission'
  | 'slippage'
  | 'sizing'
  | 'seed'
  | 'periodsPerYear'
  | 'riskFreeRate'
  | 'signal'
> & {
  readonly bars: readonly Bar[] | BarSeries;
  readonly strategy: { readonly name: string; readonly params?: unknown };
  readonly settings?: WalkForwardSettings;
  /** Called after each window with (windows done, total windows). */
  readonly onProgress?: (windowsDone: number, totalWindows: number) => void;
};

type Span = { readonly startTime: number; readonly endTime: number; readonly bars: number };

export type WalkForwardWindow = {
  readonly index: number;
  readonly inSample: Span;
  readonly outOfSample: Span;
  /** The parameters chosen in-sample (the given ones when there is no grid). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly inSampleMetrics: PerformanceMetrics;
  readonly outOfSampleMetrics: PerformanceMetrics;
};

export type WalkForwardResult = {
  readonly strategy: string;
  readonly window: number;
  readonly outOfSample: number;
  readonly optimizeFor: z.infer<typeof ZRankingMetric>;
  /** Parameter combinations tried in each in-sample window. */
  readonly combinations: number;
  readonly windows: readonly WalkForwardWindow[];
  /**
   * The out-of-sample windows chained: each starts flat with the previous one's final equity as
   * cash, so these metrics are what trading the re-optimised strategy would have given.
   */
  readonly outOfSampleMetrics: PerformanceMetrics;
  readonly outOfSampleEquity: {
    readonly times: readonly number[];
    readonly equity: readonly number[];
  };
};

/**
 * Rolling walk-forward analysis: in-sample window `[s, s + window)`, out-of-sample
 * `[s + window, s + window + outOfSample)`, then `s += outOfSample`; the last out-of-sample
 * window may be shorter. With a grid, every combination is backtested in-sample and the best on
 * `optimizeFor` (ties: the first in grid order) is then traded out-of-sample. Each run warms its
 * indicators on the bars just before its window, so no window starts cold or sees its future.
 *
 * @throws DomainError `VALIDATION_ERROR` for bad settings, a bad parameter (named) or too few bars.
 */
export function runWalkForward(options: WalkForwardOptions): WalkForwardResult {
  const parsed = ZWalkForwardSettings.safeParse(options.settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['walkForward', ...(issue?.path ?? [])].join('.');
    throw new DomainError('VALIDATION_ERROR', `${field}: ${issue?.message}`, { field });
  }
  const { window, grid, optimizeFor } = parsed.data;
  const outOfSample = parsed.data.outOfSample ?? Math.max(1, Math.ceil(window / 4));
  const series = isBarSeries(options.bars) ? options.bars : toBarSeries(options.bars);
  if (series.length < window + 1) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `walk-forward with a ${window}-bar window needs more than ${window} bars (got ${series.length})`,
      { field: 'walkForward.window' },
    );
  }
  const definition = getStrategyDefinition(options.strategy.name);
  const base = definition.parseParams(options.strategy.params);
  const combinations = expandGrid(base, grid).map((params) => definition.parseParams(params));
  const lookback = Math.max(...combinations.map((params) => definition.create(params).warmupBars));

  const { bars: _bars, strategy: _strategy, settings: _settings, onProgress, ...given } = options;
  // One annualisation for every window: the whole series' bars per year, unless given.
  const costs = {
    ...given,
    periodsPerYear: given.periodsPerYear ?? observedPeriodsPerYear(series.time),
  };
  // In-sample runs are only ranked: their metrics are all they keep.
  const backtest = (
    params: Record<string, unknown>,
    from: number,
    to: number,
    cash: number,
    detail: ResultDetail = 'metrics',
  ) =>
    runBacktest({
      ...costs,
      initialCash: cash,
      bars: { [definition.name]: sliceBarSeries(series, Math.max(0, from - lookback), to) },
      strategy: { name: definition.name, params },
      startTime: series.time[from] as number,
      detail,
    });
  const span = (from: number, to: number): Span => ({
    startTime: series.time[from] as number,
    endTime: series.time[to - 1] as number,
    bars: to - from,
  });

  const totalWindows = Math.ceil((series.length - window) / outOfSample);
  const windows: WalkForwardWindow[] = [];
  const times: number[] = [];
  const equity: number[] = [];
  const tradePnls: number[] = [];
  let totalFees = 0;
  let cash = options.initialCash;
  for (let start = 0; start + window < series.length; start += outOfSample) {
    const inSampleEnd = start + window;
    const outOfSampleEnd = Math.min(inSampleEnd + outOfSample, series.length);
    // In-sample runs all start from the initial cash, so windows are judged alike.
    const initialCash = options.initialCash;
    let best = backtest(
      combinations[0] as Record<string, unknown>,
      start,
      inSampleEnd,
      initialCash,
    );
    for (const params of combinations.slice(1)) {
      const candidate = backtest(params, start, inSampleEnd, initialCash);
      if (compareByMetric(candidate.metrics, best.metrics, optimizeFor) < 0) best = candidate;
    }
    const traded = backtest(best.strategy.params, inSampleEnd, outOfSampleEnd, cash, 'full');
    windows.push({
      index: windows.length,
      inSample: span(start, inSampleEnd),
      outOfSample: span(inSampleEnd, outOfSampleEnd),
      params: best.strategy.params,
      inSampleMetrics: best.metrics,
      outOfSampleMetrics: traded.metrics,
    });
    for (const time of traded.equityCurve.times) times.push(time);
    for (const value of traded.equityCurve.equity) equity.push(value);
    for (const trade of traded.closedTrades) tradePnls.push(trade.pnl);
    totalFees += traded.metrics.totalFees;
    cash = traded.metrics.finalEquity;
    onProgress?.(windows.length, totalWindows);
  }
  return {
    strategy: definition.name,
    window,
    outOfSample,
    optimizeFor,
    combinations: combinations.length,
    windows,
    outOfSampleMetrics: computeMetrics({
      initialCash: options.initialCash,
      equity,
      tradePnls,
      totalFees,
      periodsPerYear: costs.periodsPerYear,
      riskFreeRate: options.riskFreeRate,
    }),
    outOfSampleEquity: { times, equity },
  };
}
