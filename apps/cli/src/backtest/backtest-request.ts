import type {
  BacktestResult,
  ParameterGrid,
  RankingMetric,
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
  readonly strategy: string;
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

export type BacktestOutcome = {
  readonly source: BacktestSource;
  readonly result: BacktestResult;
  readonly walkForward: WalkForwardResult | null;
};

/** Told (bars done, total bars) while the backtest runs. */
export type ProgressListener = (barsDone: number, totalBars: number) => void;
