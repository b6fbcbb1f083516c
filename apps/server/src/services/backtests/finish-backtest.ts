import type { BacktestStatus } from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import { getStrategyDefinition } from '@tradewind/engine';
import type { BacktestJobSpec } from '../../runtime/backtests/backtest-job-spec.ts';
import type { ComputedBacktest } from '../../runtime/backtests/compute-backtest.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { pascalCase, performanceFigures } from '../performance/performance-figures.ts';
import { withBacktestEvents } from './backtest-events.ts';
import { writeExactJson } from './exact-json.ts';

type Deps = Pick<ServiceDeps, 'db' | 'now' | 'events'>;

/** The job this process holds: still RUNNING under its worker id. */
const held = (backtestId: number, workerId: string) =>
  ({ id: backtestId, status: 'RUNNING', workerId }) as const;

/**
 * Stores a completed job's metrics and result and its BACKTEST PerformanceRecord in one
 * transaction. A job cancelled meanwhile stays cancelled (the result is dropped); one this
 * process no longer holds is left alone. Returns the status the job ended in, or null.
 */
export async function completeBacktest(
  deps: Deps,
  backtestId: number,
  workerId: string,
  userId: string,
  spec: BacktestJobSpec,
  computed: ComputedBacktest,
): Promise<BacktestStatus | null> {
  return withBacktestEvents(deps, 'backtest.finished', async (tx) => {
    const job = await tx.backtest.findFirst({
      where: held(backtestId, workerId),
      select: { cancelRequested: true, barsDone: true, totalBars: true },
    });
    if (job === null) return { value: null, backtestIds: [] };
    if (job.cancelRequested) {
      await endJob(tx, deps.now(), backtestId, workerId, 'CANCELLED', null);
      return { value: 'CANCELLED', backtestIds: [backtestId] };
    }
    // A comparison is several runs, not one execution: it has no PerformanceRecord.
    const record =
      spec.kind === 'compare'
        ? null
        : await tx.performanceRecord.create({
            data: {
              userId,
              strategyName: spec.kind === 'ensemble' ? spec.name : (spec.strategies[0]?.name ?? ''),
              strategyType:
                spec.kind === 'ensemble'
                  ? 'Ensemble'
                  : pascalCase(getStrategyDefinition(spec.strategies[0]?.name ?? '').category),
              executionType: 'BACKTEST',
              symbols: spec.data.symbols,
              startDate: new Date(computed.startTime),
              endDate: new Date(computed.endTime),
              ...performanceFigures(computed.metrics),
            },
          });
    const totalBars = Math.max(job.totalBars, computed.result.barsProcessed);
    await tx.backtest.update({
      where: { id: backtestId },
      data: {
        status: 'COMPLETED',
        progress: 100,
        barsDone: totalBars,
        totalBars,
        performanceRecordId: record?.id ?? null,
        finishedAt: deps.now(),
        workerId: null,
      },
    });
    await writeExactJson(tx, backtestId, { metrics: computed.metrics, result: computed.result });
    return { value: 'COMPLETED', backtestIds: [backtestId] };
  });
}

/** Ends a job this process holds as CANCELLED, or FAILED with `reason`. */
export async function stopBacktest(
  deps: Deps,
  backtestId: number,
  workerId: string,
  status: 'CANCELLED' | 'FAILED',
  reason: string | null,
): Promise<boolean> {
  return withBacktestEvents(deps, 'backtest.finished', async (tx) => {
    const ended = await endJob(tx, deps.now(), backtestId, workerId, status, reason);
    return { value: ended, backtestIds: ended ? [backtestId] : [] };
  });
}

async function endJob(
  client: Prisma.TransactionClient,
  now: Date,
  backtestId: number,
  workerId: string,
  status: 'CANCELLED' | 'FAILED',
  reason: string | null,
): Promise<boolean> {
  const { count } = await client.backtest.updateMany({
    where: held(backtestId, workerId),
    data: { status, error: reason, finishedAt: now, workerId: null },
  });
  return count === 1;
}
