import { maxDrawdown } from './drawdown.ts';
import {
  annualizedReturn,
  calmarRatio,
  sharpeRatio,
  simpleReturns,
  sortinoRatio,
} from './return-ratios.ts';
import { sampleStandardDeviation } from './statistics.ts';
import { type TradeStatistics, tradeStatistics } from './trade-statistics.ts';

/** Default annualisation: 252 trading days a year, for daily bars. */
export const DEFAULT_PERIODS_PER_YEAR = 252;

/**
 * Annualised figures (return, volatility, Sharpe, Sortino, Calmar) need at least this many
 * returns; below it they are `null`. Annualising a handful of bars multiplies noise by √P or
 * raises it to the power P/n: a bot 13 one-minute bars old would report a Sharpe of -204.
 */
export const MIN_RETURNS_FOR_ANNUALISED = 30;

/** What the metrics are computed from. */
export type MetricsInput = {
  readonly initialCash: number;
  /** Equity after each bar (or time step), oldest first. */
  readonly equity: ArrayLike<number>;
  /** Net pnl of each closed round trip, in closing order. */
  readonly tradePnls: ArrayLike<number>;
  /** Commissions paid over the run. Default 0. */
  readonly totalFees?: number;
  /**
   * Bars per year used to annualise (252 for daily stock bars, 365 for daily crypto,
   * 252 * 78 for 5-minute bars of a 6.5-hour session). Default 252.
   */
  readonly periodsPerYear?: number;
  /** Annual risk-free rate as a fraction. Default 0. */
  readonly riskFreeRate?: number;
};

/**
 * The performance figures of a bot or backtest. Fractions, not percents (0.12 = 12 %); `null`
 * where a ratio is undefined (no trades, no volatility, no drawdown, fewer returns than
 * `MIN_RETURNS_FOR_ANNUALISED` for annualised ones) so JSON stays honest.
 */
export type PerformanceMetrics = TradeStatistics & {
  readonly initialCash: number;
  /** Equity at the last bar: cash + positions at the last close. */
  readonly finalEquity: number;
  /** `finalEquity - initialCash`. */
  readonly pnl: number;
  /** `finalEquity / initialCash - 1`. */
  readonly totalReturn: number;
  /** CAGR over the equity curve; see `annualizedReturn`. */
  readonly annualizedReturn: number | null;
  /** Sample standard deviation of per-bar returns × √P. */
  readonly annualizedVolatility: number | null;
  readonly sharpeRatio: number | null;
  readonly sortinoRatio: number | null;
  readonly calmarRatio: number | null;
  /** Worst peak-to-trough fall of the equity curve, a positive fraction. */
  readonly maxDrawdown: number;
  /** Longest time under water, in bars. */
  readonly maxDrawdownDurationBars: number;
  readonly totalFees: number;
  /** Number of equity points the ratios were computed on. */
  readonly periods: number;
  readonly periodsPerYear: number;
};

/** Computes every metric; each formula is documented where it is implemented. */
export function computeMetrics(input: MetricsInput): PerformanceMetrics {
  const periodsPerYear = input.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR;
  const riskFreeRate = input.riskFreeRate ?? 0;
  const { equity, initialCash } = input;
  const finalEquity = equity.length === 0 ? initialCash : (equity[equity.length - 1] as number);
  const returns = simpleReturns(equity);
  const drawdown = maxDrawdown(equity);
  const enough = returns.length >= MIN_RETURNS_FOR_ANNUALISED;
  const annualized = enough ? annualizedReturn(equity, periodsPerYear) : null;
  const deviation = sampleStandardDeviation(returns);
  return {
    initialCash,
    finalEquity,
    pnl: finalEquity - initialCash,
    totalReturn: finalEquity / initialCash - 1,
    annualizedReturn: annualized,
    annualizedVolatility:
      enough && !Number.isNaN(deviation) ? deviation * Math.sqrt(periodsPerYear) : null,
    sharpeRatio: enough ? sharpeRatio(returns, periodsPerYear, riskFreeRate) : null,
    sortinoRatio: enough ? sortinoRatio(returns, periodsPerYear, riskFreeRate) : null,
    calmarRatio: calmarRatio(annualized, drawdown.maxDrawdown),
    maxDrawdown: drawdown.maxDrawdown,
    maxDrawdownDurationBars: drawdown.longestDurationBars,
    ...tradeStatistics(input.tradePnls),
    totalFees: input.totalFees ?? 0,
    periods: equity.length,
    periodsPerYear,
  };
}
