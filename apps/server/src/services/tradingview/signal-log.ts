import {
  type AuthenticatedPrincipal,
  canAccessOwnedResource,
  DomainError,
  type TradingViewExecution,
  type TradingViewSignal,
  type TradingViewSignalList,
  type ZTradingViewSignalListInput,
} from '@tradewind/core';
import type { Prisma, TradingViewSignal as SignalRow } from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';

type LogDeps = Pick<ServiceDeps, 'db'>;

/** A stored signal as the contract shows it. */
export function toSignal(row: SignalRow): TradingViewSignal {
  return {
    id: row.id,
    status: row.status,
    httpStatus: row.httpStatus,
    botName: row.botName,
    symbol: row.symbol,
    side: row.side,
    botIds: row.botIds,
    payload: (row.payload as Record<string, unknown> | null) ?? null,
    reason: row.reason,
    duplicateOf: row.duplicateOf,
    results: row.results as TradingViewExecution[],
    sourceIp: row.sourceIp,
    receivedAt: row.receivedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/** The caller's signals, newest first, filtered and paged. */
export async function listSignals(
  deps: LogDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZTradingViewSignalListInput>,
): Promise<TradingViewSignalList> {
  const where: Prisma.TradingViewSignalWhereInput = {
    userId: principal.userId,
    ...(input.status && { status: input.status }),
    ...(input.botName && { botName: { equals: input.botName, mode: 'insensitive' } }),
    ...(input.botId !== undefined && { botIds: { has: input.botId } }),
    ...(input.since && { receivedAt: { gte: new Date(input.since) } }),
  };
  const [rows, total] = await Promise.all([
    deps.db.prisma.tradingViewSignal.findMany({
      where,
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: input.limit,
      skip: input.offset,
    }),
    deps.db.prisma.tradingViewSignal.count({ where }),
  ]);
  return { signals: rows.map(toSignal), total };
}

/** One signal by its correlation id; someone else's is "not found", like a missing one. */
export async function getSignal(
  deps: LogDeps,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<TradingViewSignal> {
  const row = await deps.db.prisma.tradingViewSignal.findUnique({ where: { id } });
  if (!row || !canAccessOwnedResource(principal, row.userId)) {
    throw new DomainError('NOT_FOUND', `Signal ${id} not found`);
  }
  return toSignal(row);
}
