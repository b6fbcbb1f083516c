import path from 'node:path';
import {
  type OptimiseMethod,
  type OptimiseResult,
  optimise,
  type ParameterRange,
  type RankingMetric,
  runTrial,
  type Sizing,
  type TrialData,
  type TrialEvaluator,
  validateSearch,
  ZRankingMetric,
} from '@tradewind/engine';
import { readBars } from '../backtest/local-run.ts';
import { CliError } from '../cli-error.ts';
import { journaled } from './trial-journal.ts';
import { TrialPool } from './trial-pool.ts';

export type OptimiseRequest = {
  readonly dataFile: string;
  readonly symbol: string;
  readonly strategy: string;
  readonly space: readonly ParameterRange[];
  readonly trials: number;
  readonly method: OptimiseMethod;
  readonly seed: number;
  readonly objective: string;
  readonly minTrades?: number;
  readonly maxDrawdown?: number;
  readonly patience?: number;
  readonly outOfSample: number;
  readonly workers: number;
  /** JSON-lines file of answered trials: resumes a run cut short (see `journaled`). */
  readonly journal?: string;
  readonly initialCash: number;
  readonly commission: number;
  readonly slippage: number;
  readonly sizing: Sizing;
};

/**
 * Optimises on a local CSV file: the trials run on `workers` threads (1: in this process), each
 * thread holding the bars once. Checks the space, trials and objective before reading the file.
 */
export async function runLocalOptimisation(
  request: OptimiseRequest,
  options: { onProgress?: (done: number, total: number) => void; signal: AbortSignal },
): Promise<OptimiseResult> {
  const objective = ZRankingMetric.safeParse(request.objective);
  if (!objective.success) {
    throw new CliError(
      `--objective must be one of ${ZRankingMetric.options.join(', ')} (got "${request.objective}")`,
    );
  }
  validateSearch(request.strategy, request.space, request.trials);
  const data: TrialData = {
    symbol: request.symbol,
    bars: await readBars(request.dataFile),
    strategy: request.strategy,
    initialCash: request.initialCash,
    commission: request.commission,
    slippage: request.slippage,
    sizing: request.sizing,
    seed: request.seed,
    outOfSample: request.outOfSample,
  };
  const { bars, ...settings } = data;
  const fingerprint = {
    ...settings,
    file: path.resolve(request.dataFile),
    bars: bars.length,
    first: bars.time[0],
    last: bars.time[bars.length - 1],
  };
  const pool = request.workers > 1 ? new TrialPool(request.workers, data) : null;
  const stop = () => void pool?.close();
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    const run: TrialEvaluator =
      pool?.evaluate ??
      (async (requests) => {
        // A turn of the event loop per batch: Ctrl-C gets through.
        await new Promise(setImmediate);
        return requests.map((trial) => runTrial(data, trial));
      });
    const evaluate =
      request.journal === undefined
        ? run
        : (await journaled(request.journal, fingerprint, run)).evaluate;
    return await optimise(
      {
        strategy: request.strategy,
        space: request.space,
        trials: request.trials,
        method: request.method,
        seed: request.seed,
        objective: objective.data as RankingMetric,
        minTrades: request.minTrades,
        maxDrawdown: request.maxDrawdown,
        patience: request.patience,
      },
      evaluate,
      options.onProgress,
    );
  } finally {
    options.signal.removeEventListener('abort', stop);
    await pool?.close();
  }
}
