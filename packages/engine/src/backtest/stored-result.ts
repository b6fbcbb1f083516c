import {
  MAX_CURVE_POINTS,
  MAX_STORED_TRADES,
  type BacktestResult as StoredResult,
} from '@tradewind/core';
import type { WalkForwardResult } from '../analysis/walk-forward.ts';
import type { ClosedTrade } from '../execution/round-trip-tracker.ts';
import { drawdownCurve } from '../metrics/drawdown.ts';
import type { PeriodReturn } from '../metrics/period-returns.ts';
import { downsampleCurve } from './downsample-curve.ts';

// The bounded parts of a result, as the server stores a job's and `tradewind backtest run --json`
// prints a run's: whatever the number of bars, their size has a ceiling.

/** The equity curve and its drawdown, downsampled to at most {@link MAX_CURVE_POINTS}. */
export function storedCurves(
  equityCurve: { readonly times: readonly number[]; readonly equity: readonly number[] },
  drawdown: readonly number[],
): Pick<StoredResult, 'equityCurve' | 'drawdownCurve'> {
  const shrunk = downsampleCurve({ ...equityCurve, drawdown }, MAX_CURVE_POINTS);
  return {
    equityCurve: { times: [...shrunk.times], equity: [...shrunk.equity] },
    drawdownCurve: [...shrunk.drawdown],
  };
}

/** The first trades, within the stored budget; a minute-bar decade can close 100,000. */
export function storedTrades(
  trades: readonly ClosedTrade[],
): Pick<StoredResult, 'trades' | 'tradesOmitted'> {
  return {
    trades: trades.slice(0, MAX_STORED_TRADES).map(toTrade),
    tradesOmitted: Math.max(0, trades.length - MAX_STORED_TRADES),
  };
}

/** A walk-forward with its out-of-sample equity downsampled like the equity curve. */
export function storedWalkForward(
  walkForward: WalkForwardResult,
): NonNullable<StoredResult['walkForward']> {
  return {
    strategy: walkForward.strategy,
    window: walkForward.window,
    outOfSample: walkForward.outOfSample,
    optimizeFor: walkForward.optimizeFor,
    combinations: walkForward.combinations,
    windows: walkForward.windows.map((window) => ({ ...window, params: { ...window.params } })),
    outOfSampleMetrics: walkForward.outOfSampleMetrics,
    outOfSampleEquity: storedCurves(
      walkForward.outOfSampleEquity,
      drawdownCurve(walkForward.outOfSampleEquity.equity),
    ).equityCurve,
  };
}

/**
 * The most recent {@link MAX_CURVE_POINTS} period returns and how many earlier ones were left
 * out, counting `alreadyOmitted` ones left out before (a `bounded` backtest result's).
 */
export function recentPeriodReturns(
  returns: readonly PeriodReturn[],
  alreadyOmitted = 0,
): {
  returns: PeriodReturn[];
  omitted: number;
} {
  const cut = Math.max(0, returns.length - MAX_CURVE_POINTS);
  return { returns: returns.slice(cut), omitted: alreadyOmitted + cut };
}

function toTrade(trade: ClosedTrade): StoredResult['trades'][number] {
  return {
    symbol: trade.symbol,
    entryTime: trade.entryTime,
    exitTime: trade.exitTime,
    quantity: trade.quantity,
    entryPrice: trade.entryPrice,
    exitPrice: trade.exitPrice,
    fees: trade.fees,
    pnl: trade.pnl,
    returnPct: trade.returnPct,
    fills: trade.fills,
  };
}
