import {
  ZBacktest,
  ZBacktestCompareInput,
  ZBacktestIdInput,
  ZBacktestList,
  ZBacktestListInput,
  ZBacktestProgress,
  ZBacktestRunInput,
  ZBacktestSummary,
  zAsyncIterable,
} from '@tradewind/core';
import { streamBacktestProgress } from '../services/backtests/backtest-progress-stream.ts';
import { getBacktest, listBacktests } from '../services/backtests/backtest-queries.ts';
import { cancelBacktest } from '../services/backtests/cancel-backtest.ts';
import { submitBacktest, submitComparison } from '../services/backtests/submit-backtest.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const runProcedure = protectedProcedure.meta({ permission: 'backtests:run', rateLimit: 'control' });
// Reading results needs no right to run: a read-only key may watch and fetch them.
const readProcedure = protectedProcedure.meta({ permission: 'strategies:read', rateLimit: 'read' });

/**
 * Backtests as background jobs (seed 002's `/backtest` and `/compare`): submit, watch, cancel,
 * read. Each job is its owner's alone; anyone else's answers NOT_FOUND.
 */
export const backtestsRouter = router({
  /** Queues a backtest of a strategy or an ensemble; answers the queued job. */
  run: runProcedure
    .input(ZBacktestRunInput)
    .output(ZBacktestSummary)
    .mutation(({ ctx, input }) => submitBacktest(ctx, ctx.principal, input)),
  /** Queues a comparison of 2-10 strategies over one period, ranked on the chosen metrics. */
  compare: runProcedure
    .input(ZBacktestCompareInput)
    .output(ZBacktestSummary)
    .mutation(({ ctx, input }) => submitComparison(ctx, ctx.principal, input)),
  cancel: runProcedure
    .input(ZBacktestIdInput)
    .output(ZBacktestSummary)
    .mutation(({ ctx, input }) => cancelBacktest(ctx, ctx.principal, input.backtestId)),
  list: readProcedure
    .input(ZBacktestListInput)
    .output(ZBacktestList)
    .query(({ ctx, input }) => listBacktests(ctx, ctx.principal, input)),
  get: readProcedure
    .input(ZBacktestIdInput)
    .output(ZBacktest)
    .query(({ ctx, input }) => getBacktest(ctx, ctx.principal, input.backtestId)),
  /** The job's state, then each change, until it completes, fails or is cancelled. */
  progress: readProcedure
    .input(ZBacktestIdInput)
    .output(zAsyncIterable(ZBacktestProgress))
    .subscription(({ ctx, input, signal }) =>
      streamBacktestProgress(
        ctx,
        ctx.principal,
        input.backtestId,
        AbortSignal.any([ctx.shutdownSignal, ...(signal ? [signal] : [])]),
      ),
    ),
});
