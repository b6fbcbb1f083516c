import { rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BACKTEST_DEFAULTS } from '@tradewind/core/backtest-defaults';
import type { RankingMetric } from '@tradewind/engine';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import {
  barTime,
  endBarTime,
  gridEntry,
  lossFraction,
  symbolFromFile,
} from '../backtest/backtest-option-parsers.ts';
import type {
  BacktestOutcome,
  BacktestRequest,
  ProgressListener,
} from '../backtest/backtest-request.ts';
import { addCostOptions, type CostOptions, sizingOf } from '../backtest/cost-options.ts';
import { renderHtmlReport } from '../backtest/html-report.ts';
import { boundedResult, fullResult, type ResultParts } from '../backtest/result-json.ts';
import { snakeCaseKeys } from '../backtest/snake-case-keys.ts';
import { renderBacktestSummary } from '../backtest/terminal-view.ts';
import { CliError } from '../cli-error.ts';
import {
  keyValue,
  nonNegativeInteger,
  type ParamValue,
  positiveInteger,
  positiveNumber,
} from '../option-parsers.ts';
import { printJson } from '../output.ts';

const DEFAULT_MONTE_CARLO_RUNS = 1000;
const DEFAULT_WALK_FORWARD_WINDOW = 252;

type RunOptions = CostOptions & {
  strategy?: string;
  strategyFile?: string;
  param?: Record<string, ParamValue>;
  data: string;
  symbol?: string;
  start?: number;
  end?: number;
  periodsPerYear?: number;
  seed: number;
  monteCarlo?: number | true;
  walkForward?: number | true;
  outOfSample?: number;
  grid?: Record<string, ParamValue[]>;
  optimize?: RankingMetric;
  stopLoss?: number;
  maxDrawdown?: number;
  maxDailyLoss?: number;
  cooldownBars?: number;
  json?: boolean;
  output?: string;
  trades?: boolean;
  curves?: boolean;
  report?: string;
  server?: boolean;
};

/** `tradewind backtest`: run a strategy over history. */
export function backtestCommand(): Command {
  const command = new Command('backtest').description('Backtest a strategy over historical bars');
  const run = command
    .command('run')
    .description(
      'Backtest a built-in strategy on a local OHLCV CSV file, in this process (no server needed)',
    )
    .option('--strategy <name>', 'built-in strategy, e.g. MovingAverage')
    .option(
      '--strategy-file <file.ts>',
      'your own strategy file (see `tradewind strategies new`), instead of --strategy',
    )
    .option(
      '--param <name=value>',
      'strategy parameter, repeatable (e.g. --param fast=10 --param slow=30)',
      keyValue('fast=10'),
    )
    .requiredOption(
      '--data <file>',
      'OHLCV CSV file (Yahoo layout or date,open,high,low,close,volume)',
    )
    .option('--symbol <name>', 'symbol the bars trade under (default: from the file name)')
    .option(
      '--start <date>',
      'first traded bar, e.g. 2010-01-04 (UTC); earlier bars warm up',
      barTime,
    )
    .option('--end <date>', 'last bar included, e.g. 2014-12-31 (the whole day)', endBarTime);
  addCostOptions(run)
    .option(
      '--periods-per-year <count>',
      "bars per year for annualised ratios (default: the bars' own, about 252 for daily stock bars)",
      positiveNumber,
    )
    .option(
      '--seed <number>',
      'seed of the strategies and the Monte Carlo',
      nonNegativeInteger,
      BACKTEST_DEFAULTS.seed,
    )
    .option(
      '--monte-carlo [runs]',
      `resample the closed trades (default ${DEFAULT_MONTE_CARLO_RUNS} runs)`,
      positiveInteger,
    )
    .option(
      '--walk-forward [window]',
      `walk-forward with this many in-sample bars per window (default ${DEFAULT_WALK_FORWARD_WINDOW})`,
      positiveInteger,
    )
    .option(
      '--out-of-sample <bars>',
      'walk-forward out-of-sample bars (default window / 4)',
      positiveInteger,
    )
    .option(
      '--grid <name=values>',
      'walk-forward: values to try in-sample, repeatable (e.g. --grid fast=5,10,20)',
      gridEntry,
    )
    .option(
      '--optimize <metric>',
      'walk-forward: in-sample metric to optimise, e.g. totalReturn (default sharpeRatio)',
    )
    .option(
      '--stop-loss <fraction>',
      "sell a position whose bar closes this fraction below its entry, at that close (0.05 = 5 %, a bot's stopLossPercent 5)",
      lossFraction,
    )
    .option(
      '--max-drawdown <fraction>',
      'sell everything at the close and stop trading once equity is this fraction below its peak',
      lossFraction,
    )
    .option(
      '--max-daily-loss <fraction>',
      "sell everything at the close and stop trading once equity is this fraction below the UTC day's start",
      lossFraction,
    )
    .option(
      '--cooldown-bars <bars>',
      'with --stop-loss: bars after a stop before the strategy may enter again',
      nonNegativeInteger,
    )
    .option('--server', 'run it as a job on the server you signed in to; Ctrl-C cancels it')
    .option(
      '--json',
      'print the result as JSON for scripts, bounded as the server stores it: curves at most 1,000 points, the first 5,000 closed trades, the latest 1,000 period returns',
    )
    .option(
      '--output <file.json>',
      'also write the full result (every fill, trade, curve point and period return) as JSON',
    )
    .option('--trades', 'only the trades part beside the summary (closed trades, fills)')
    .option(
      '--curves',
      'only the curves part beside the summary (equity, drawdown, period returns)',
    )
    .option('--report <file.html>', 'also write a self-contained HTML report')
    .action(async (options: RunOptions, run: Command) => {
      const request = toRequest(options);
      if (options.report !== undefined) await checkWritable(options.report, 'report');
      if (options.output !== undefined) await checkWritable(options.output, 'result');
      const progress = startProgress(options.json === true);
      let outcome: BacktestOutcome;
      try {
        // Loaded here, not at start-up: other commands should not pay for the engine.
        if (options.server) {
          const { runServerBacktest } = await import('../backtest/server-run.ts');
          outcome = await runServerBacktest(run, request, {
            onProgress: progress?.update,
            jsonProgress: options.json === true,
          });
        } else {
          const { runLocalBacktest } = await import('../backtest/local-run.ts');
          // Only --output writes every point; the rest show what the server stores.
          const detail = options.output === undefined ? 'bounded' : 'full';
          outcome = await runLocalBacktest(request, detail, progress?.update);
        }
      } finally {
        progress?.stop();
      }
      const parts = partsOf(options);
      if (options.json) printJson(snakeCaseKeys(boundedResult(outcome, parts)));
      else process.stdout.write(renderBacktestSummary(outcome, process.stdout.columns ?? 100));
      const notes = options.json ? process.stderr : process.stdout;
      if (options.output !== undefined) {
        const { writeJsonFile } = await import('../backtest/write-json-file.ts');
        await writeJsonFile(options.output, fullResult(outcome, parts));
        notes.write(`result written to ${path.resolve(options.output)}\n`);
      }
      if (options.report !== undefined) {
        await writeReport(options.report, renderHtmlReport(outcome, new Date()));
        notes.write(`report written to ${path.resolve(options.report)}\n`);
      }
    });
  return command;
}

function toRequest(options: RunOptions): BacktestRequest {
  if ((options.strategy === undefined) === (options.strategyFile === undefined)) {
    throw new CliError('give one of --strategy <name> or --strategy-file <file.ts>');
  }
  if (options.strategyFile !== undefined && (options.server || options.walkForward !== undefined)) {
    throw new CliError('--strategy-file runs in this process, without --server or --walk-forward');
  }
  if (options.start !== undefined && options.end !== undefined && options.end < options.start) {
    throw new CliError(
      `--end ${new Date(options.end).toISOString()} is before --start ${new Date(options.start).toISOString()}`,
    );
  }
  const walkForwardOnly = [
    ['--out-of-sample', options.outOfSample],
    ['--grid', options.grid],
    ['--optimize', options.optimize],
  ] as const;
  for (const [flag, value] of walkForwardOnly) {
    if (value !== undefined && options.walkForward === undefined) {
      throw new CliError(`${flag} only applies with --walk-forward`);
    }
  }
  if (options.cooldownBars !== undefined && options.stopLoss === undefined) {
    throw new CliError('--cooldown-bars only applies with --stop-loss');
  }
  const risk = {
    ...(options.stopLoss !== undefined && { stopLoss: options.stopLoss }),
    ...(options.maxDrawdown !== undefined && { maxDrawdown: options.maxDrawdown }),
    ...(options.maxDailyLoss !== undefined && { maxDailyLoss: options.maxDailyLoss }),
    ...(options.cooldownBars !== undefined && { cooldownBars: options.cooldownBars }),
  };
  const guarded = Object.keys(risk).length > 0;
  if (guarded && options.walkForward !== undefined) {
    throw new CliError('--walk-forward runs without risk rules (--stop-loss, --max-drawdown, ...)');
  }
  return {
    strategy: options.strategy ?? '',
    strategyFile: options.strategyFile,
    params: options.param ?? {},
    ...(guarded && { risk }),
    dataFile: options.data,
    symbol: options.symbol ?? symbolFromFile(options.data),
    startTime: options.start,
    endTime: options.end,
    initialCash: options.cash,
    commission: options.commission,
    slippage: options.slippage,
    sizing: sizingOf(options),
    periodsPerYear: options.periodsPerYear,
    seed: options.seed,
    monteCarloRuns:
      options.monteCarlo === undefined
        ? undefined
        : options.monteCarlo === true
          ? DEFAULT_MONTE_CARLO_RUNS
          : options.monteCarlo,
    walkForward:
      options.walkForward === undefined
        ? undefined
        : {
            window:
              options.walkForward === true ? DEFAULT_WALK_FORWARD_WINDOW : options.walkForward,
            outOfSample: options.outOfSample,
            grid: options.grid,
            optimizeFor: options.optimize,
          },
  };
}

/** `--trades` and `--curves` choose parts; neither means both. */
function partsOf(options: RunOptions): ResultParts {
  const all = options.trades !== true && options.curves !== true;
  return { trades: all || options.trades === true, curves: all || options.curves === true };
}

/** A progress bar on stderr, only for a person at a terminal (never in JSON mode or a pipe). */
function startProgress(json: boolean): { update: ProgressListener; stop: () => void } | null {
  if (json || !process.stderr.isTTY) return null;
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'backtest |{bar}| {percentage}% | {value}/{total} bars',
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Fails before the run, not after it, when the file cannot be written there. */
async function checkWritable(file: string, what: string): Promise<void> {
  const directory = path.dirname(path.resolve(file));
  const info = await stat(directory).catch(() => null);
  if (info === null || !info.isDirectory()) {
    throw new CliError(`cannot write ${what} ${file}: directory ${directory} does not exist`);
  }
}

/** Writes beside the target, then renames: never a half-written report. */
async function writeReport(file: string, html: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, html, 'utf8');
  await rename(temporary, file);
}
