import type { Prisma } from '@tradewind/db';
import type { ServiceDeps } from '../../service-deps.ts';
import { withBacktestEvents } from './backtest-events.ts';

type Deps = Pick<ServiceDeps, 'db' | 'now' | 'events'>;

/** Why a job whose process vanished did not finish. */
export const INTERRUPTED_REASON = 'interrupted by restart: the server running it stopped';

/**
 * Claims the oldest queued job for this process, or returns null. `FOR UPDATE SKIP LOCKED`
 * lets several processes share one queue without two claiming the same job.
 */
export async function claimNextBacktest(deps: Deps, workerId: string): Promise<number | null> {
  const now = deps.now();
  const rows = await deps.db.prisma.$queryRaw<{ id: number }[]>`
    UPDATE backtests
       SET status = 'RUNNING', worker_id = ${workerId}, heartbeat_at = ${now}, started_at = ${now}
     WHERE id = (SELECT id FROM backtests WHERE status = 'QUEUED'
                  ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING id`;
  return rows[0]?.id ?? null;
}

/**
 * Renews this process's claim on its running jobs and returns those whose owner asked to cancel
 * them (from any process).
 */
export async function heartbeatBacktests(
  deps: Deps,
  workerId: string,
  backtestIds: readonly number[],
): Promise<number[]> {
  if (backtestIds.length === 0) return [];
  const held: Prisma.BacktestWhereInput = {
    id: { in: [...backtestIds] },
    status: 'RUNNING',
    workerId,
  };
  await deps.db.prisma.backtest.updateMany({ where: held, data: { heartbeatAt: deps.now() } });
  const cancelled = await deps.db.prisma.backtest.findMany({
    where: { ...held, cancelRequested: true },
    select: { id: true },
  });
  return cancelled.map((row) => row.id);
}

/**
 * Marks FAILED every running job whose heartbeat is older than `staleMs`: the process running it
 * died (a restart, a crash). They are not re-queued: a job that kills its process would
 * otherwise kill every process that picks it up. Returns their ids.
 */
export async function failStaleBacktests(deps: Deps, staleMs: number): Promise<number[]> {
  const now = deps.now();
  const stale = {
    status: 'RUNNING',
    heartbeatAt: { lt: new Date(now.getTime() - staleMs) },
  } as const;
  const rows = await deps.db.prisma.backtest.findMany({ where: stale, select: { id: true } });
  if (rows.length === 0) return [];
  return withBacktestEvents(deps, 'backtest.finished', async (tx) => {
    // Only those still stale: one may have finished since it was read.
    const candidates = { ...stale, id: { in: rows.map((row) => row.id) } };
    const failed = await tx.backtest.findMany({ where: candidates, select: { id: true } });
    await tx.backtest.updateMany({
      where: { ...stale, id: { in: failed.map((row) => row.id) } },
      data: { status: 'FAILED', error: INTERRUPTED_REASON, finishedAt: now, workerId: null },
    });
    const backtestIds = failed.map((row) => row.id);
    return { value: backtestIds, backtestIds };
  });
}

/**
 * Stores a running job's progress (renewing its claim) and publishes it as an event. Returns
 * whether its owner has asked to cancel it meanwhile.
 */
export async function saveBacktestProgress(
  deps: Deps,
  backtestId: number,
  workerId: string,
  barsDone: number,
  totalBars: number,
): Promise<boolean> {
  return withBacktestEvents(deps, 'backtest.progress', async (tx) => {
    const { count } = await tx.backtest.updateMany({
      where: { id: backtestId, status: 'RUNNING', workerId },
      data: {
        barsDone,
        totalBars,
        progress: totalBars === 0 ? 0 : Math.min(100, (barsDone / totalBars) * 100),
        heartbeatAt: deps.now(),
      },
    });
    const job = await tx.backtest.findUnique({
      where: { id: backtestId },
      select: { cancelRequested: true },
    });
    return { value: job?.cancelRequested ?? false, backtestIds: count === 1 ? [backtestId] : [] };
  });
}

/** Hands a job back to the queue (graceful shutdown): it starts over in the next process. */
export async function requeueBacktest(
  deps: Deps,
  backtestId: number,
  workerId: string,
): Promise<void> {
  await deps.db.prisma.backtest.updateMany({
    where: { id: backtestId, status: 'RUNNING', workerId },
    data: {
      status: 'QUEUED',
      workerId: null,
      heartbeatAt: null,
      startedAt: null,
      barsDone: 0,
      progress: 0,
    },
  });
}
