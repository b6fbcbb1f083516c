import { DomainError } from '@tradewind/core';
import {
  type BarSeries,
  firstBarAtOrAfter,
  isBarSeries,
  sliceBarSeries,
  toBarSeries,
} from '../data/bar-series.ts';
import type { Fill } from '../execution/fill.ts';
import type { OrderRejection } from '../execution/order.ts';
import { PaperBroker } from '../execution/paper-broker.ts';
import type { Position } from '../execution/position.ts';
import { type ClosedTrade, RoundTripTracker } from '../execution/round-trip-tracker.ts';
import { validateNumber } from '../execution/validate-number.ts';
import { observedPeriodsPerYear } from '../metrics/observed-periods-per-year.ts';
import { computeMetrics, type PerformanceMetrics } from '../metrics/performance-metrics.ts';
import { type MonteCarloResult, runMonteCarlo } from '../monte-carlo/monte-carlo.ts';
import { EquityGuard } from '../risk/equity-guard.ts';
import { barInterval, type RiskEvent, stopLossEvent, tripEvents } from '../risk/risk-events.ts';
import { RiskGuardedVenue } from '../risk/risk-guarded-venue.ts';
import { hasRiskRules, parseRiskRules } from '../risk/risk-rules.ts';
import type { Strategy } from '../strategy/strategy.ts';
import { getStrategyDefinition } from '../strategy/strategy-registry.ts';
import { TradingSession } from '../strategy/trading-session.ts';
import { BacktestCancelledError } from './backtest-cancelled-error.ts';
import type { BacktestOptions, StrategySelection } from './backtest-options.ts';
import { BarCursor } from './bar-cursor.ts';
import { walkTimeline } from './bar-timeline.ts';
import { type ResultCurves, resultCurves } from './result-curves.ts';

/**
 * Everything a backtest produced. Plain data: `JSON.stringify` of two equal runs is equal. The
 * curves and period returns are kept as `options.detail` says (default: all of them).
 */
export type BacktestResult = ResultCurves & {
  readonly strategy: { readonly name: string; readonly params: Readonly<Record<string, unknown>> };
  readonly symbols: readonly string[];
  readonly barsProcessed: number;
  /** Every fill (the domain's trades), in execution order. */
  readonly fills: readonly Fill[];
  readonly rejections: readonly OrderRejection[];
  /** Closed round trips; the basis of win rate, profit factor and Monte Carlo. */
  readonly closedTrades: readonly ClosedTrade[];
  /** Positions still open after the last bar, marked at their last close. */
  readonly openPositions: readonly Position[];
  /** The traded span: first and last recorded step and the number of steps; null: none. */
  readonly period: {
    readonly startTime: number;
    readonly endTime: number;
    readonly bars: number;
  } | null;
  readonly metrics: PerformanceMetrics;
  readonly monteCarlo: MonteCarloResult | null;
  /** What the risk rules did (`options.risk`), in time order; empty without rules. */
  readonly riskEvents: readonly RiskEvent[];
};

const CANCEL_CHECK_MASK = 1023;

/**
 * Replays history through the same {@link TradingSession} and {@link PaperBroker} that paper bots
 * use: for each bar, orders from the previous close fill at its open, then the strategy decides
 * on its close; equity is recorded after every time step.
 *
 * @throws DomainError `VALIDATION_ERROR` for bad options (naming the field), an unknown strategy or
 *   bad parameters, or bars out of time order.
 * @throws BacktestCancelledError when `signal.aborted` becomes true.
 */
export function runBacktest(options: BacktestOptions): BacktestResult {
  const symbols = validateBars(options.bars);
  if (options.periodsPerYear !== undefined) {
    validateNumber('periodsPerYear', options.periodsPerYear, {
      minimum: 0,
      exclusiveMinimum: true,
    });
  }
  if (options.riskFreeRate !== undefined) {
    validateNumber('riskFreeRate', options.riskFreeRate, { minimum: -1, exclusiveMinimum: true });
  }
  const { strategies, name, params } = resolveStrategies(options.strategy, symbols);
  const seed = options.seed ?? 1;
  const broker = new PaperBroker({
    initialCash: options.initialCash,
    commissionRate: options.commission ?? 0,
    slippageRate: options.slippage ?? 0,
    instruments: options.instruments,
  });
  const { startTime, endTime } = validateRange(options.startTime, options.endTime);
  const series = symbols.map((symbol) => {
    const bars = options.bars[symbol];
    const all = isBarSeries(bars) ? bars : toBarSeries(bars ?? []);
    return endTime === undefined
      ? all
      : sliceBarSeries(all, 0, firstBarAtOrAfter(all, endTime + 1));
  });
  const rules = parseRiskRules(options.risk);
  // Without rules the strategies trade the broker directly (the plain, fastest path).
  const guarded = hasRiskRules(rules)
    ? new RiskGuardedVenue(broker, rules, barInterval(series))
    : undefined;
  const equityGuard =
    guarded &&
    new EquityGuard(rules, [guarded], {
      equity: options.initialCash,
      peakEquity: options.initialCash,
      dayStartEquity: options.initialCash,
    });
  const riskEvents: RiskEvent[] = [];
  const venue = guarded ?? broker;
  const session = new TradingSession({
    venue,
    strategies,
    sizing: options.sizing,
    seed,
    instruments: options.instruments,
  });
  const tradeFrom = startTime ?? Number.NEGATIVE_INFINITY;
  if (
    !series.some((bars) => bars.length > 0 && (bars.time[bars.length - 1] as number) >= tradeFrom)
  ) {
    throw new DomainError('VALIDATION_ERROR', 'no bars between startTime and endTime', {
      field: 'startTime',
    });
  }
  const totalBars = series.reduce((sum, bars) => sum + bars.length, 0);
  const cursor = new BarCursor();
  const times = new Float64Array(totalBars);
  const equity = new Float64Array(totalBars);
  const { onProgress, signal } = options;
  const progressEvery = Math.max(1, Math.ceil(totalBars / 100));
  let steps = 0;
  let done = 0;

  if (signal?.aborted) throw new BacktestCancelledError(0);
  walkTimeline(
    series,
    (symbolIndex, barIndex) => {
      const bars = series[symbolIndex] as BarSeries;
      const bar = cursor.load(bars, barIndex);
      if (bar.time >= tradeFrom) session.onBar(symbols[symbolIndex] as string, bar);
      else session.warmUp(symbols[symbolIndex] as string, bar);
      done++;
      if ((done & CANCEL_CHECK_MASK) === 0 && signal?.aborted) {
        throw new BacktestCancelledError(done);
      }
      if (onProgress !== undefined && done % progressEvery === 0 && done < totalBars) {
        onProgress(done, totalBars);
      }
    },
    (time) => {
      if (time < tradeFrom) return;
      if (guarded !== undefined && equityGuard !== undefined) {
        for (const stop of guarded.takeStopLosses()) {
          riskEvents.push(stopLossEvent(stop, rules.stopLoss as number, null));
        }
        riskEvents.push(...tripEvents(time, equityGuard.endStep(time).trips));
      }
      times[steps] = time;
      equity[steps] = broker.equity();
      steps++;
    },
  );
  session.close();
  onProgress?.(done, totalBars);

  const tracker = new RoundTripTracker();
  let totalFees = 0;
  for (const fill of broker.fills) {
    tracker.record(fill);
    totalFees += fill.fee;
  }
  // Metrics, drawdown and period returns read the typed arrays; the result keeps what `detail` asks.
  const equityTraded = equity.subarray(0, steps);
  const timesTraded = times.subarray(0, steps);
  const tradePnls = tracker.closedTrades.map((trade) => trade.pnl);
  return {
    strategy: { name, params },
    symbols,
    barsProcessed: done,
    fills: broker.fills,
    rejections: broker.rejections,
    closedTrades: tracker.closedTrades,
    openPositions: broker.openPositions(),
    ...resultCurves(options.detail ?? 'full', timesTraded, equityTraded),
    period:
      steps === 0
        ? null
        : { startTime: times[0] as number, endTime: times[steps - 1] as number, bars: steps },
    metrics: computeMetrics({
      initialCash: options.initialCash,
      equity: equityTraded,
      tradePnls,
      totalFees,
      periodsPerYear: options.periodsPerYear ?? observedPeriodsPerYear(timesTraded),
      riskFreeRate: options.riskFreeRate,
    }),
    monteCarlo:
      options.monteCarlo === undefined
        ? null
        : runMonteCarlo({
            tradePnls,
            initialCash: options.initialCash,
            seed,
            runs: options.monteCarlo.runs,
            method: options.monteCarlo.method,
          }),
    riskEvents,
  };
}

function validateRange(
  startTime: number | undefined,
  endTime: number | undefined,
): { startTime?: number; endTime?: number } {
  for (const [field, value] of [
    ['startTime', startTime],
    ['endTime', endTime],
  ] as const) {
    if (value !== undefined && !Number.isFinite(value)) {
      throw new DomainError('VALIDATION_ERROR', `${field} must be a time (got ${value})`, {
        field,
      });
    }
  }
  if (startTime !== undefined && endTime !== undefined && endTime < startTime) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `endTime (${new Date(endTime).toISOString()}) is before startTime (${new Date(startTime).toISOString()})`,
      { field: 'endTime' },
    );
  }
  return { startTime, endTime };
}

function validateBars(bars: BacktestOptions['bars']): string[] {
  const symbols = bars === null || typeof bars !== 'object' ? [] : Object.keys(bars);
  if (symbols.length === 0) {
    throw new DomainError('VALIDATION_ERROR', 'bars must name at least one symbol', {
      field: 'bars',
    });
  }
  for (const symbol of symbols) {
    const series = bars[symbol];
    if (!(Array.isArray(series) || isBarSeries(series)) || series.length === 0) {
      throw new DomainError('VALIDATION_ERROR', `bars.${symbol} must be a non-empty list of bars`, {
        field: `bars.${symbol}`,
      });
    }
  }
  return symbols;
}

function resolveStrategies(
  selection: StrategySelection,
  symbols: readonly string[],
): { strategies: Record<string, Strategy>; name: string; params: Record<string, unknown> } {
  const strategies: Record<string, Strategy> = {};
  if ('name' in selection || 'definition' in selection) {
    const definition =
      'definition' in selection ? selection.definition : getStrategyDefinition(selection.name);
    const params = definition.parseParams(selection.params);
    for (const symbol of symbols) strategies[symbol] = definition.create(params);
    return { strategies, name: definition.name, params };
  }
  if ('instance' in selection) {
    if (symbols.length > 1) {
      throw new DomainError(
        'VALIDATION_ERROR',
        'a strategy instance trades one symbol; pass a factory for several symbols',
        { field: 'strategy' },
      );
    }
    strategies[symbols[0] as string] = selection.instance;
    return { strategies, name: selection.instance.name, params: {} };
  }
  for (const symbol of symbols) strategies[symbol] = selection.factory(symbol);
  const first = strategies[symbols[0] as string] as Strategy;
  return { strategies, name: first.name, params: {} };
}
