import type { BacktestAssumptions, BacktestPeriod, BacktestRejections } from '@tradewind/core';
import type {
  BacktestResult,
  ParameterGrid,
  RankingMetric,
  RiskRules,
  Sizing,
  WalkForwardResult,
} from '@tradewind/engine';
import type { ParamValue } from '../option-parsers.ts';

/**
 * What `tradewind backtest run` asks for, independent of where it runs: in this process
 * (`local-run.ts`) or, later, as a server job (`server-run.ts`); both answer a
 * {@link BacktestOutcome}, so the command only chooses the runner.
 */
export type BacktestRequest = {
  /** A built-in strategy's name ('' with `strategyFile`). */
  readonly strategy: string;
  /** The user's own strategy file, run in this process instead of a built-in. */
  readonly strategyFile?: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** A local OHLCV CSV file. */
  readonly dataFile: string;
  /** The name the file's bars trade under (in fills and trades). */
  readonly symbol: string;
  /** Epoch ms; earlier bars only warm the strategy up. */
  readonly startTime?: number;
  /** Epoch ms, inclusive. */
  readonly endTime?: number;
  readonly initialCash: number;
  readonly commission: number;
  readonly slippage: number;
  readonly sizing: Sizing;
  readonly periodsPerYear?: number;
  readonly seed: number;
  /** Stop-loss, drawdown, daily loss and cooldown (fractions); none when undefined. */
  readonly risk?: RiskRules;
  /** Monte Carlo runs over the closed trades; none when undefined. */
  readonly monteCarloRuns?: number;
  readonly walkForward?: {
    readonly window: number;
    readonly outOfSample?: number;
    readonly grid?: ParameterGrid;
    readonly optimizeFor?: RankingMetric;
  };
};

/** Where the bars came from. */
export type BacktestSource = {
  readonly file: string;
  readonly symbol: string;
  /** Bars in the file. */
  readonly bars: number;
  readonly firstTime: number;
  readonly lastTime: number;
};

/** One run's answer, the same on both runners (the server keeps less of the detail). */
export type BacktestOutcome = {
  readonly source: BacktestSource;
  readonly result: BacktestResult;
  /** Fills made (the server's run counts them without listing them). */
  readonly fillCount: number;
  readonly walkForward: WalkForwardResult | null;
  /** The costs, sizing and annualisation it ran with. */
  readonly assumptions: BacktestAssumptions;
  /** The traded bars; null when none were traded. */
  readonly period: BacktestPeriod | null;
  /** Orders refused at fill time; null when the server did not record them. */
  readonly rejections: BacktestRejections | null;
};

/** Told (bars done, total bars) while the backtest runs. */
export type ProgressListener = (barsDone: number, totalBars: number) => void;

/** The assumptions of `request`, with the annualisation the engine applied. */
export function requestAssumptions(
  request: BacktestRequest,
  periodsPerYear: number,
): BacktestAssumptions {
  const { sizing } = request;
  return {
    initialCapital: request.initialCash,
    commission: request.commission,
    slippage: request.slippage,
    sizing: sizing.type === 'fixed' ? sizing : { ...sizing, lotSize: sizing.lotSize ?? 1 },
    seed: request.seed,
    periodsPerYear,
    periodsPerYearFrom: request.periodsPerYear === undefined ? 'bars' : 'request',
    // A CSV file's bars trade any quantity.
    instruments: null,
  };
}
