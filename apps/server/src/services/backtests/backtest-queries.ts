import {
  type AuthenticatedPrincipal,
  type Backtest,
  type BacktestList,
  type BacktestProgress,
  canAccessOwnedResource,
  DomainError,
  type ZBacktestListInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { SUMMARY_SELECT, toBacktest, toProgress, toSummary } from './backtest-mapping.ts';

type Deps = Pick<ServiceDeps, 'db'>;

/** Someone else's backtest answers exactly like a missing one. */
export function backtestNotFound(backtestId: number): DomainError {
  return new DomainError('NOT_FOUND', `Backtest ${backtestId} not found`, { backtestId });
}

/** The caller's job (an admin may read anyone's), in full. */
export async function getBacktest(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  backtestId: number,
): Promise<Backtest> {
  const row = await deps.db.prisma.backtest.findUnique({ where: { id: backtestId } });
  if (row === null || !canAccessOwnedResource(principal, row.userId)) {
    throw backtestNotFound(backtestId);
  }
  return toBacktest(row);
}

/** The caller's job's progress; NOT_FOUND for anyone else's. */
export async function backtestProgress(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  backtestId: number,
): Promise<BacktestProgress> {
  const row = await deps.db.prisma.backtest.findUnique({
    where: { id: backtestId },
    select: {
      id: true,
      userId: true,
      status: true,
      progress: true,
      barsDone: true,
      totalBars: true,
      error: true,
    },
  });
  if (row === null || !canAccessOwnedResource(principal, row.userId)) {
    throw backtestNotFound(backtestId);
  }
  return toProgress(row);
}

/** The caller's own jobs, newest first, paged. */
export async function listBacktests(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZBacktestListInput>,
): Promise<BacktestList> {
  const where: Prisma.BacktestWhereInput = {
    userId: principal.userId,
    ...(input.status && { status: input.status }),
    ...(input.kind && { kind: input.kind }),
  };
  const [rows, total] = await Promise.all([
    deps.db.prisma.backtest.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (input.page - 1) * input.size,
      take: input.size,
      select: SUMMARY_SELECT,
    }),
    deps.db.prisma.backtest.count({ where }),
  ]);
  return { items: rows.map(toSummary), page: input.page, size: input.size, total };
}
