import type { AuthenticatedPrincipal, BacktestSummary } from '@tradewind/core';
import { canAccessOwnedResource, DomainError } from '@tradewind/core';
import type { BacktestRunner } from '../../runtime/backtests/backtest-runner.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { withBacktestEvents } from './backtest-events.ts';
import { SUMMARY_SELECT, toSummary } from './backtest-mapping.ts';
import { backtestNotFound } from './backtest-queries.ts';

/**
 * Cancels a job: a queued one at once; a running one by flagging it, which the process running
 * it acts on within a progress step (this process at once, another at its next heartbeat).
 * Cancelling a cancelled job again is a no-op; a completed or failed one is a CONFLICT.
 */
export async function cancelBacktest(
  deps: Pick<ServiceDeps, 'db' | 'now' | 'events'> & {
    backtests: Pick<BacktestRunner, 'cancelLocal'>;
  },
  principal: AuthenticatedPrincipal,
  backtestId: number,
): Promise<BacktestSummary> {
  const prisma = deps.db.prisma;
  const row = await prisma.backtest.findUnique({
    where: { id: backtestId },
    select: { userId: true, status: true },
  });
  if (row === null || !canAccessOwnedResource(principal, row.userId)) {
    throw backtestNotFound(backtestId);
  }
  // Guarded updates: whichever state the job is in when the row is written decides.
  const queued = await withBacktestEvents(deps, 'backtest.finished', async (tx) => {
    const { count } = await tx.backtest.updateMany({
      where: { id: backtestId, status: 'QUEUED' },
      data: { status: 'CANCELLED', cancelRequested: true, finishedAt: deps.now() },
    });
    return { value: { count }, backtestIds: count === 1 ? [backtestId] : [] };
  });
  if (queued.count === 0) {
    const running = await prisma.backtest.updateMany({
      where: { id: backtestId, status: 'RUNNING' },
      data: { cancelRequested: true },
    });
    if (running.count === 1) deps.backtests.cancelLocal(backtestId);
  }
  const after = await prisma.backtest.findUniqueOrThrow({
    where: { id: backtestId },
    select: SUMMARY_SELECT,
  });
  if (after.status === 'COMPLETED' || after.status === 'FAILED') {
    throw new DomainError(
      'CONFLICT',
      `Backtest ${backtestId} has already ${after.status === 'COMPLETED' ? 'completed' : 'failed'}`,
      { backtestId, status: after.status },
    );
  }
  return toSummary(after);
}
