import {
  recentPeriodReturns,
  storedCurves,
  storedTrades,
  storedWalkForward,
} from '@tradewind/engine';
import type { BacktestOutcome } from './backtest-request.ts';

/** Which heavy parts a JSON result carries besides its summary (`--trades`, `--curves`). */
export type ResultParts = { readonly trades: boolean; readonly curves: boolean };

/**
 * What `backtest run --json` prints: the summary (source, period, assumptions, metrics,
 * rejections, risk events, Monte Carlo, walk-forward) and the parts asked for, bounded as the server stores a
 * job's result whatever the number of bars: curves downsampled to at most 1,000 points, the
 * first 5,000 closed trades with the count of the rest, fills counted, and the most recent
 * 1,000 daily, weekly and monthly returns with the count of earlier ones.
 */
export function boundedResult(outcome: BacktestOutcome, parts: ResultParts) {
  const { result } = outcome;
  const trades = parts.trades && storedTrades(result.closedTrades);
  // A `bounded` run's period returns are already the most recent ones; a `full` run's are cut here.
  const periods = parts.curves && {
    daily: recentPeriodReturns(result.periodReturns.daily, result.periodReturnsOmitted.daily),
    weekly: recentPeriodReturns(result.periodReturns.weekly, result.periodReturnsOmitted.weekly),
    monthly: recentPeriodReturns(result.periodReturns.monthly, result.periodReturnsOmitted.monthly),
  };
  return {
    ...summary(outcome),
    ...(periods && {
      ...storedCurves(result.equityCurve, result.drawdownCurve),
      periodReturns: {
        daily: periods.daily.returns,
        weekly: periods.weekly.returns,
        monthly: periods.monthly.returns,
      },
      periodReturnsOmitted: {
        daily: periods.daily.omitted,
        weekly: periods.weekly.omitted,
        monthly: periods.monthly.omitted,
      },
    }),
    ...(trades && {
      trades: trades.trades,
      // The server's run arrives with its stored trades only: the metrics count them all.
      tradesOmitted: result.metrics.totalTrades - trades.trades.length,
      fills: outcome.fillCount,
    }),
    monteCarlo: result.monteCarlo,
    walkForward: outcome.walkForward && storedWalkForward(outcome.walkForward),
  };
}

/**
 * What `--output` writes: the summary and, of the parts asked for, everything: every closed
 * trade, fill and open position, the curves at every step and every period return.
 */
export function fullResult(outcome: BacktestOutcome, parts: ResultParts) {
  const { result } = outcome;
  return {
    ...summary(outcome),
    ...(parts.curves && {
      equityCurve: result.equityCurve,
      drawdownCurve: result.drawdownCurve,
      periodReturns: result.periodReturns,
    }),
    ...(parts.trades && {
      closedTrades: result.closedTrades,
      fills: result.fills,
      openPositions: result.openPositions,
    }),
    monteCarlo: result.monteCarlo,
    walkForward: outcome.walkForward,
  };
}

function summary(outcome: BacktestOutcome) {
  const { result } = outcome;
  return {
    source: outcome.source,
    strategy: result.strategy,
    period: outcome.period,
    assumptions: outcome.assumptions,
    metrics: result.metrics,
    symbols: result.symbols,
    barsProcessed: result.barsProcessed,
    rejections: outcome.rejections,
    riskEvents: result.riskEvents,
  };
}
