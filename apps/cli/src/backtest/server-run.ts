import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BacktestResult, MonteCarloResult, WalkForwardResult } from '@tradewind/engine';
import type { TradewindClient, TradewindOutputs } from '@tradewind/sdk';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { withConnection } from '../connection.ts';
import { untilInterrupted } from '../watch.ts';
import {
  type BacktestOutcome,
  type BacktestRequest,
  type ProgressListener,
  requestAssumptions,
} from './backtest-request.ts';
import { readBars } from './local-run.ts';

type Job = TradewindOutputs['backtests']['get'];
type BacktestProgress = Pick<Job, 'status' | 'progress' | 'barsDone' | 'totalBars' | 'error'>;
type StoredResult = NonNullable<Job['result']>;

/**
 * `tradewind backtest run --server`: the same request, run as a job on the server. The local
 * CSV file is uploaded; progress comes over the job's progress stream (to `onProgress` for the
 * terminal's bar, or as JSON lines on stderr with `jsonProgress`); Ctrl-C cancels the job.
 * Answers the same {@link BacktestOutcome} as the local run, except what the server does not
 * keep: curves are downsampled to at most 1,000 points, closed trades past the first 5,000 are
 * left out, rejections are counted with the first few listed, and the fill list, open positions
 * and period returns are empty.
 */
export async function runServerBacktest(
  command: Command,
  request: BacktestRequest,
  options: { onProgress?: ProgressListener; jsonProgress: boolean },
): Promise<BacktestOutcome> {
  const bars = await readBars(request.dataFile);
  const csv = await readFile(request.dataFile, 'utf8');
  return withConnection(command, 'required', async ({ client }) => {
    const queued = await client.backtests.run.mutate({
      strategy: { type: 'builtin', name: request.strategy, params: { ...request.params } },
      data: {
        source: 'csv',
        symbol: request.symbol,
        csv,
        ...(request.startTime !== undefined && {
          start: new Date(request.startTime).toISOString(),
        }),
        ...(request.endTime !== undefined && { end: new Date(request.endTime).toISOString() }),
      },
      initialCapital: request.initialCash,
      commission: request.commission,
      slippage: request.slippage,
      sizing: request.sizing,
      seed: request.seed,
      ...(request.periodsPerYear !== undefined && { periodsPerYear: request.periodsPerYear }),
      ...(request.risk !== undefined && { risk: request.risk }),
      includeMonteCarlo: request.monteCarloRuns !== undefined,
      ...(request.monteCarloRuns !== undefined && { monteCarloRuns: request.monteCarloRuns }),
      walkForward: request.walkForward !== undefined,
      ...(request.walkForward && {
        walkForwardWindow: request.walkForward.window,
        walkForwardOutOfSample: request.walkForward.outOfSample,
        walkForwardGrid: request.walkForward.grid,
        walkForwardOptimize: request.walkForward.optimizeFor,
      }),
    });
    const final = await untilInterrupted((interrupt) =>
      followJob(client, queued.id, interrupt, (progress) => {
        if (options.jsonProgress) process.stderr.write(`${JSON.stringify(progress)}\n`);
        else if (progress.status === 'RUNNING' && progress.totalBars > 0) {
          options.onProgress?.(progress.barsDone, progress.totalBars);
        }
      }),
    );
    if (final.status === 'CANCELLED') throw new CliError(`backtest ${queued.id} cancelled`);
    if (final.status === 'FAILED') {
      throw new CliError(`backtest ${queued.id} failed: ${final.error ?? 'no reason given'}`);
    }
    const job = await client.backtests.get.query({ backtestId: queued.id });
    if (job.result === null || job.metrics === null) {
      throw new CliError(`backtest ${queued.id} completed without a result`);
    }
    if (job.result.tradesOmitted > 0) {
      process.stderr.write(
        `note: the server keeps the first ${job.result.trades.length} of ${job.metrics.totalTrades} closed trades\n`,
      );
    }
    return {
      source: {
        file: path.resolve(request.dataFile),
        symbol: request.symbol,
        bars: bars.length,
        firstTime: bars.time[0] ?? 0,
        lastTime: bars.time[bars.length - 1] ?? 0,
      },
      result: toEngineResult(job, job.result, job.metrics),
      fillCount: job.result.fills,
      walkForward: toWalkForward(job.result),
      // A job stored before results recorded their assumptions ran with the request's.
      assumptions:
        job.result.assumptions ?? requestAssumptions(request, job.metrics.periodsPerYear),
      period: job.result.period,
      rejections: job.result.rejections,
    };
  });
}

/**
 * Streams the job's progress until it ends; on Ctrl-C asks the server to cancel it and keeps
 * streaming until the server confirms. Resolves with the final state.
 */
function followJob(
  client: TradewindClient,
  backtestId: number,
  interrupt: AbortSignal,
  onProgress: (progress: BacktestProgress) => void,
): Promise<BacktestProgress> {
  return new Promise((resolve, reject) => {
    const cancel = () => {
      process.stderr.write(`\ncancelling backtest ${backtestId}…\n`);
      client.backtests.cancel.mutate({ backtestId }).catch(reject);
    };
    interrupt.addEventListener('abort', cancel, { once: true });
    const subscription = client.backtests.progress.subscribe(
      { backtestId },
      {
        onData: (progress) => {
          onProgress(progress);
          if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(progress.status)) {
            interrupt.removeEventListener('abort', cancel);
            subscription.unsubscribe();
            resolve(progress);
          }
        },
        onError: (error) => {
          interrupt.removeEventListener('abort', cancel);
          reject(error);
        },
      },
    );
  });
}

/** The stored result in the engine's shape, so the local run's views print it unchanged. */
function toEngineResult(
  job: Job,
  result: StoredResult,
  metrics: NonNullable<Job['metrics']>,
): BacktestResult {
  const strategy = (
    job.request.strategies as { name: string; params: Record<string, unknown> }[]
  )[0];
  return {
    strategy: { name: strategy?.name ?? job.name, params: strategy?.params ?? {} },
    symbols: result.symbols,
    barsProcessed: result.barsProcessed,
    fills: [],
    rejections: [],
    closedTrades: result.trades,
    openPositions: [],
    equityCurve: result.equityCurve,
    drawdownCurve: result.drawdownCurve,
    metrics,
    periodReturns: { daily: [], weekly: [], monthly: [] },
    periodReturnsOmitted: { daily: 0, weekly: 0, monthly: 0 },
    period: result.period,
    monteCarlo: result.monteCarlo as MonteCarloResult | null,
    riskEvents: result.riskEvents as BacktestResult['riskEvents'],
  };
}

function toWalkForward(result: StoredResult): WalkForwardResult | null {
  const walkForward = result.walkForward;
  if (walkForward === null) return null;
  return {
    ...walkForward,
    optimizeFor: walkForward.optimizeFor as WalkForwardResult['optimizeFor'],
  };
}
