import type { AuthenticatedPrincipal, StrategySignal } from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { ServiceDeps } from '../../service-deps.ts';
import { authorizeStrategy } from './strategy-access.ts';

/**
 * The strategy's signals, newest first. The runtime does not record signals on their own yet,
 * so a signal here is a decision that reached the broker: one executed fill of a bot the
 * strategy started (side, symbol, price, bar time, reason). Call after authorizing `read`.
 */
export async function readSignals(
  client: Prisma.TransactionClient,
  strategyId: number,
  options: { limit: number; since?: string },
): Promise<StrategySignal[]> {
  const rows = await client.trade.findMany({
    where: {
      bot: { strategyRun: { strategyId } },
      ...(options.since && { executedAt: { gte: new Date(options.since) } }),
    },
    orderBy: [{ executedAt: 'desc' }, { id: 'desc' }],
    take: options.limit,
  });
  return rows.map((row) => ({
    id: row.id,
    strategyId,
    botId: row.botId,
    symbol: row.symbol,
    side: row.action,
    quantity: Number(row.quantity),
    price: Number(row.price),
    reason: row.reason,
    // When it filled (wall clock), as trades and the live stream stamp it.
    timestamp: row.executedAt.toISOString(),
  }));
}

/** Seed 002's GET /strategies/{id}/signals (needs `read`): `limit` newest, optionally `since`. */
export async function strategySignals(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: { strategyId: number; limit: number; since?: string },
): Promise<StrategySignal[]> {
  const { prisma } = deps.db;
  await authorizeStrategy(prisma, principal, input.strategyId, 'read');
  return readSignals(prisma, input.strategyId, input);
}
