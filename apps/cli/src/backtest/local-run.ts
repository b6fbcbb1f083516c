import path from 'node:path';
import {
  type BarSeries,
  firstBarAtOrAfter,
  parseOhlcvSeries,
  type ResultDetail,
  runBacktest,
  runWalkForward,
  sliceBarSeries,
  summarizeRejections,
} from '@tradewind/engine';
import { CliError } from '../cli-error.ts';
import { readTextFile } from '../read-text-file.ts';
import { loadStrategyFile } from '../strategy-file/load-strategy-file.ts';
import {
  type BacktestOutcome,
  type BacktestRequest,
  type ProgressListener,
  requestAssumptions,
} from './backtest-request.ts';

/**
 * Runs a backtest in this process on a local CSV file, with the same engine the server uses:
 * no server, no database. The walk-forward (when asked) covers the same start..end span. The
 * result keeps the curves and period returns at `detail` (`bounded`: as the server stores them).
 */
export async function runLocalBacktest(
  request: BacktestRequest,
  detail: ResultDetail,
  onProgress?: ProgressListener,
): Promise<BacktestOutcome> {
  const series = await readBars(request.dataFile);
  const costs = {
    initialCash: request.initialCash,
    commission: request.commission,
    slippage: request.slippage,
    sizing: request.sizing,
    seed: request.seed,
    periodsPerYear: request.periodsPerYear,
  };
  const strategy = { name: request.strategy, params: request.params };
  const result = runBacktest({
    ...costs,
    bars: { [request.symbol]: series },
    strategy:
      request.strategyFile === undefined
        ? strategy
        : { definition: await loadStrategyFile(request.strategyFile), params: request.params },
    startTime: request.startTime,
    endTime: request.endTime,
    risk: request.risk,
    monteCarlo: request.monteCarloRuns === undefined ? undefined : { runs: request.monteCarloRuns },
    detail,
    onProgress,
  });
  const walkForward =
    request.walkForward === undefined
      ? null
      : runWalkForward({
          ...costs,
          bars: sliceBarSeries(
            series,
            request.startTime === undefined ? 0 : firstBarAtOrAfter(series, request.startTime),
            request.endTime === undefined
              ? series.length
              : firstBarAtOrAfter(series, request.endTime + 1),
          ),
          strategy,
          settings: request.walkForward,
        });
  return {
    source: {
      file: path.resolve(request.dataFile),
      symbol: request.symbol,
      bars: series.length,
      firstTime: series.time[0] as number,
      lastTime: series.time[series.length - 1] as number,
    },
    result,
    fillCount: result.fills.length,
    walkForward,
    assumptions: requestAssumptions(request, result.metrics.periodsPerYear),
    period: result.period,
    rejections: summarizeRejections(result.rejections),
  };
}

/** The file's bars, or one line saying which file and (for a bad row) which line is wrong. */
export async function readBars(file: string): Promise<BarSeries> {
  const text = await readTextFile(file, `data file ${file}`);
  let bars: BarSeries;
  try {
    bars = parseOhlcvSeries(text);
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
  if (bars.length === 0) throw new CliError(`${file}: no bars in the file`);
  return bars;
}
