import type { Bar } from '../data/bar.ts';
import type { BarSeries } from '../data/bar-series.ts';
import type { Instrument } from '../execution/instrument.ts';
import type { MonteCarloMethod } from '../monte-carlo/monte-carlo.ts';
import type { RiskRules } from '../risk/risk-rules.ts';
import type { Sizing } from '../strategy/sizing.ts';
import type { Strategy } from '../strategy/strategy.ts';
import type { StrategyDefinition } from '../strategy/strategy-definition.ts';
import type { ResultDetail } from './result-curves.ts';

/**
 * Which strategy a backtest runs: a registered one by name with parameters (validated, defaults
 * filled in), an unregistered definition (a strategy file's) with parameters, a ready instance (single symbol only, since instances hold per-symbol state), or a
 * factory called once per symbol.
 */
export type StrategySelection =
  | { readonly name: string; readonly params?: unknown }
  | { readonly definition: StrategyDefinition; readonly params?: unknown }
  | { readonly instance: Strategy }
  | { readonly factory: (symbol: string) => Strategy };

/** Anything with an `aborted` flag, such as an `AbortSignal`. */
export type CancellationSignal = { readonly aborted: boolean };

/** Inputs of {@link runBacktest}; the same inputs give the same result, bit for bit. */
export type BacktestOptions = {
  /**
   * Bars per symbol, oldest first with strictly increasing times; `Bar[]` or, faster for long
   * histories, a columnar {@link BarSeries}.
   */
  readonly bars: Readonly<Record<string, readonly Bar[] | BarSeries>>;
  readonly strategy: StrategySelection;
  /**
   * First traded time (inclusive, epoch ms). Earlier bars only warm the strategies' indicators
   * up (orders placed on them are dropped) and are not part of the equity curve. Default: the
   * first bar.
   */
  readonly startTime?: number;
  /** Last time included (inclusive, epoch ms); later bars are ignored. Default: the last bar. */
  readonly endTime?: number;
  readonly initialCash: number;
  /** Commission rate on notional, per fill. Default 0. */
  readonly commission?: number;
  /** Slippage rate against the trade. Default 0. */
  readonly slippage?: number;
  readonly sizing: Sizing;
  /**
   * Trading rules per symbol of an exchange market (step, minimum quantity and notional), as a
   * paper bot on that exchange trades under them. Absent: any quantity trades (CSV, simulator).
   */
  readonly instruments?: Readonly<Record<string, Instrument>>;
  /** Seeds the strategies' random port and the Monte Carlo. Default 1. */
  readonly seed?: number;
  /**
   * Annualisation for Sharpe, Sortino, CAGR and volatility. Default: the traded bars' own
   * (`observedPeriodsPerYear`), about 252 for daily stock bars.
   */
  readonly periodsPerYear?: number;
  /** Annual risk-free rate. Default 0. */
  readonly riskFreeRate?: number;
  /**
   * Stop-loss, max drawdown, daily loss and cooldown, in fractions, applied exactly as a bot
   * with the same settings applies them (see `RiskGuardedVenue`). Default: none.
   */
  readonly risk?: RiskRules;
  /** Adds Monte Carlo bands over the closed trades' pnl. */
  readonly monteCarlo?: { readonly runs?: number; readonly method?: MonteCarloMethod };
  /** How much of the curves and period returns the result keeps. Default `full`. */
  readonly detail?: ResultDetail;
  /** Called with (bars done, total bars) about every 1 % and once at the end. */
  readonly onProgress?: (barsDone: number, totalBars: number) => void;
  /** Checked every 1,024 bars; when aborted the run throws `BacktestCancelledError`. */
  readonly signal?: CancellationSignal;
};
