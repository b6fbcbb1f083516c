import os from 'node:os';
import type { OptimiseResult, ParameterRange } from '@tradewind/engine';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { lossFraction, rate, symbolFromFile } from '../backtest/backtest-option-parsers.ts';
import { addCostOptions, type CostOptions, sizingOf } from '../backtest/cost-options.ts';
import { snakeCaseKeys } from '../backtest/snake-case-keys.ts';
import { spaceEntry, trialCount } from '../optimise/space-option.ts';
import { nonNegativeInteger, positiveInteger } from '../option-parsers.ts';
import { formatNumber, printJson, renderTable } from '../output.ts';

type OptimizeOptions = CostOptions & {
  strategy: string;
  space: ParameterRange[];
  data: string;
  symbol?: string;
  trials: number;
  method: 'tpe' | 'random';
  objective: string;
  seed: number;
  minTrades?: number;
  maxDrawdown?: number;
  patience?: number;
  outOfSample: number;
  workers: number;
  journal?: string;
  json?: boolean;
};

/** `tradewind optimize`: search a strategy's parameters on a local CSV file, on every core. */
export function optimizeCommand(): Command {
  const command = new Command('optimize')
    .description(
      "Search a built-in strategy's parameters on a local OHLCV CSV file (TPE or random search), on every core; the best trials are re-run out of sample",
    )
    .requiredOption('--strategy <name>', 'built-in strategy, e.g. MovingAverage')
    .requiredOption(
      '--space <name=min..max...>',
      'parameter ranges, e.g. --space fast=5..50 slow=20..200 (whole numbers when both bounds are)',
      spaceEntry,
    )
    .requiredOption(
      '--data <file>',
      'OHLCV CSV file (Yahoo layout or date,open,high,low,close,volume)',
    )
    .option('--symbol <name>', 'symbol the bars trade under (default: from the file name)')
    .option('--trials <count>', 'trials to run (1 to 100,000)', trialCount, 200)
    .addOption(
      new Option('--method <method>', 'search method').choices(['tpe', 'random']).default('tpe'),
    )
    .option('--objective <metric>', 'in-sample metric to optimise, e.g. totalReturn', 'sharpeRatio')
    .option('--seed <number>', 'seed of the search and the strategies', nonNegativeInteger, 1)
    .option(
      '--min-trades <count>',
      'a trial with fewer closed trades does not count',
      nonNegativeInteger,
    )
    .option(
      '--max-drawdown <fraction>',
      'a trial whose max drawdown is deeper does not count (0.3 = 30 %)',
      lossFraction,
    )
    .option(
      '--patience <trials>',
      'stop after this many trials without a better one',
      positiveInteger,
    )
    .option(
      '--out-of-sample <fraction>',
      'share of the bars, at the end, kept out of the search to check the best trials on',
      rate,
      0.25,
    )
    .option(
      '--workers <count>',
      'worker threads (default: every core); results are the same for any count',
      positiveInteger,
      os.availableParallelism(),
    );
  return addCostOptions(command)
    .option(
      '--journal <file.jsonl>',
      'record answered trials there; the same command again resumes from it (same result)',
    )
    .option('--json', 'print the result as JSON for scripts')
    .action(async (options: OptimizeOptions) => {
      const { runLocalOptimisation } = await import('../optimise/run-optimisation.ts');
      const interrupt = new AbortController();
      const onSigint = () => interrupt.abort();
      process.once('SIGINT', onSigint);
      const progress = startProgress(options.json === true, options.trials);
      try {
        const result = await runLocalOptimisation(
          {
            dataFile: options.data,
            symbol: options.symbol ?? symbolFromFile(options.data),
            strategy: options.strategy,
            space: options.space,
            trials: options.trials,
            method: options.method,
            seed: options.seed,
            objective: options.objective,
            minTrades: options.minTrades,
            maxDrawdown: options.maxDrawdown,
            patience: options.patience,
            outOfSample: options.outOfSample,
            workers: options.workers,
            journal: options.journal,
            initialCash: options.cash,
            commission: options.commission,
            slippage: options.slippage,
            sizing: sizingOf(options),
          },
          { onProgress: (done) => progress?.update(done), signal: interrupt.signal },
        );
        progress?.stop();
        if (options.json) printJson(snakeCaseKeys(summary(result, options)));
        else process.stdout.write(renderResult(result, options.objective));
      } catch (error) {
        progress?.stop();
        if (interrupt.signal.aborted) {
          process.stderr.write('tradewind: optimisation cancelled\n');
          process.exit(130);
        }
        throw error;
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}

/** The settings, counts and ranked trials (every trial's params and score stay out: bounded). */
function summary(result: OptimiseResult, options: OptimizeOptions) {
  return {
    strategy: options.strategy,
    method: options.method,
    seed: options.seed,
    objective: options.objective,
    trialsRun: result.trials.length,
    infeasible: result.trials.filter((trial) => trial.score === null).length,
    stoppedEarly: result.stoppedEarly,
    ranked: result.ranked.map((trial) => ({
      rank: trial.rank,
      trial: trial.index,
      params: trial.params,
      inSample: trial.score,
      outOfSample: trial.outOfSampleScore,
      inSampleTrades: trial.metrics?.totalTrades ?? null,
      outOfSampleTrades: trial.outOfSampleMetrics?.totalTrades ?? null,
    })),
  };
}

function renderResult(result: OptimiseResult, objective: string): string {
  const head = ['rank', 'params', `${objective} in sample`, 'out of sample', 'trades (in/out)'];
  const rows = result.ranked.map((trial) => [
    String(trial.rank),
    Object.entries(trial.params)
      .map(([name, value]) => `${name}=${value}`)
      .join(' '),
    formatNumber(trial.score),
    formatNumber(trial.outOfSampleScore),
    `${trial.metrics?.totalTrades ?? '-'}/${trial.outOfSampleMetrics?.totalTrades ?? '-'}`,
  ]);
  const infeasible = result.trials.filter((trial) => trial.score === null).length;
  const stopped = result.stoppedEarly ? ', stopped early (no better trial within --patience)' : '';
  return `${result.trials.length} trials, ${infeasible} infeasible${stopped}\n${renderTable(head, rows, 'no feasible trial')}`;
}

/** A progress bar on stderr, only for a person at a terminal. */
function startProgress(json: boolean, total: number) {
  if (json || !process.stderr.isTTY) return null;
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'optimize |{bar}| {value}/{total} trials',
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0);
  return { update: (done: number) => bar.update(done), stop: () => bar.stop() };
}
