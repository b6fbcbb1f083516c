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

/** What a live signal stream starts from (see `signalStreamStart`). */
export type SignalStreamStart = {
  /** Whose `trade.executed` events carry the strategy's signals. */
  ownerId: string;
  /** The newest event before the history was read: live events start after it. */
  afterEventId: string;
  recent: StrategySignal[];
  /** Whether a bot runs this strategy (remembered per bot). */
  belongsToStrategy(botId: number): Promise<boolean>;
};

/**
 * Seed 002's signal stream, before it goes live (needs `read`): the newest event id is read
 * before the history, so nothing falls between the two and a signal in both is sent once.
 */
export async function signalStreamStart(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: { strategyId: number; history: number },
): Promise<SignalStreamStart> {
  const { prisma } = deps.db;
  const { strategy } = await authorizeStrategy(prisma, principal, input.strategyId, 'read');
  const newest = await prisma.outboxEvent.findFirst({
    where: { userId: strategy.userId },
    orderBy: { id: 'desc' },
    select: { id: true },
  });
  const recent = await readSignals(prisma, input.strategyId, { limit: input.history });
  const ofStrategy = new Map<number, Promise<boolean>>();
  return {
    ownerId: strategy.userId,
    afterEventId: newest?.id.toString() ?? '0',
    recent,
    belongsToStrategy(botId) {
      let known = ofStrategy.get(botId);
      if (!known) {
        known = prisma.strategyRun
          .findUnique({ where: { botId }, select: { strategyId: true } })
          .then((run) => run?.strategyId === input.strategyId);
        ofStrategy.set(botId, known);
      }
      return known;
    },
  };
}
