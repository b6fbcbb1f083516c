import type { BacktestRisk, ComparisonMetric, Timeframe } from '@tradewind/core';
import type { Instrument } from '@tradewind/engine';

/** A strategy as a job runs it: saved strategies already resolved to algorithm + parameters. */
export type ResolvedStrategy = {
  /** The engine registry's name. */
  name: string;
  params: Record<string, unknown>;
  /** Shown in results: the saved strategy's name, or the algorithm's. */
  label: string;
  /** The saved strategy it came from, if any. */
  strategyId: number | null;
  /** Share of the capital in an ensemble; null otherwise. */
  weight: number | null;
};

/**
 * What a backtest job runs, stored as the job's `request`: everything needed to run it again
 * with the same answer (an uploaded CSV is stored beside it). Built by the submit service from
 * a validated request; read by the runner.
 */
export type BacktestJobSpec = {
  kind: 'backtest' | 'ensemble' | 'compare';
  name: string;
  data: {
    source: 'candles' | 'simulator' | 'csv';
    /** Stored candles' venue (`import`, `binance`, ...); absent in jobs stored before venues. */
    venue?: string;
    symbols: string[];
    timeframe: Timeframe;
    /** ISO date-times bounding the traded bars; null: the whole CSV. */
    start: string | null;
    end: string | null;
    /** The simulator's seed. */
    seed: number | null;
  };
  initialCapital: number;
  commission: number;
  slippage: number;
  sizing:
    | { type: 'fixed'; quantity: number }
    | { type: 'percent_of_equity'; percent: number; lotSize: number };
  seed: number;
  /** Annualisation of ratios: the request's; null: the traded bars' own (observed). */
  periodsPerYear: number | null;
  /**
   * The exchange's trading rules per symbol of stored exchange candles, read at submission;
   * absent (jobs stored before them) or null: any quantity trades.
   */
  instruments?: Record<string, Instrument> | null;
  /** A single strategy's risk rules (fractions); absent or null: none. */
  risk?: BacktestRisk | null;
  /** One for a backtest; the members of an ensemble; the contenders of a comparison. */
  strategies: ResolvedStrategy[];
  ensemble: {
    rebalance: 'never' | 'daily' | 'weekly' | 'monthly';
    riskManagement: BacktestRisk;
  } | null;
  comparison: { metrics: ComparisonMetric[]; rankBy: ComparisonMetric | null } | null;
  monteCarlo: { runs: number } | null;
  walkForward: {
    window: number;
    outOfSample: number | null;
    grid: Record<string, (number | string | boolean)[]> | null;
    optimizeFor: ComparisonMetric | null;
  } | null;
};
