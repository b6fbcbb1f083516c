import { roundMoney, type TradingStatus } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { OPEN_POSITIONS, toBot, toPosition } from '../bots/bot-mapping.ts';

/** Midnight UTC of the day `now` falls in. */
function startOfDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Seed 004's trading status of one user: the running bots' value and open positions, and the
 * fills of all their bots (count, last time, realized PnL since midnight UTC).
 */
export async function getTradingStatus(
  deps: Pick<ServiceDeps, 'db' | 'now'>,
  userId: string,
): Promise<TradingStatus> {
  const { prisma } = deps.db;
  const [running, trades, today] = await Promise.all([
    prisma.bot.findMany({
      where: { userId, status: { in: ['ACTIVE', 'PAUSED', 'STOPPING'] } },
      include: OPEN_POSITIONS,
      orderBy: { id: 'asc' },
    }),
    prisma.trade.aggregate({
      where: { bot: { userId } },
      _count: { _all: true },
      _max: { executedAt: true },
    }),
    prisma.trade.aggregate({
      where: { bot: { userId }, executedAt: { gte: startOfDay(deps.now()) } },
      _sum: { pnl: true },
    }),
  ]);
  const positions = running.flatMap((bot) =>
    bot.positions.map((row) => {
      const { quantity, ...position } = toPosition(row);
      return { botId: bot.id, ...position, size: quantity };
    }),
  );
  return {
    active: running.some((bot) => bot.status === 'ACTIVE'),
    mode: running.some((bot) => bot.mode === 'LIVE') ? 'live' : 'paper',
    portfolioValue: roundMoney(running.reduce((sum, bot) => sum + toBot(bot).equity, 0)),
    openPositions: positions.length,
    dailyPnl: roundMoney(Number(today._sum.pnl ?? 0)),
    totalTrades: trades._count._all,
    lastTradeTime: trades._max.executedAt?.toISOString() ?? null,
    positions,
  };
}
