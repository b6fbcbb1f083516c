import {
  type AuthenticatedPrincipal,
  type Bot,
  type BotDetail,
  canAccessOwnedResource,
  RUNNING_STATUSES,
  type ZBotListInput,
} from '@tradewind/core';
import type { z } from 'zod';
import type { BotDeps } from './bot-deps.ts';
import { OPEN_POSITIONS, toBot, toPosition, toTrade } from './bot-mapping.ts';
import { botNotFound } from './bot-transaction.ts';

/** The caller's bots, newest first. */
export async function listBots(
  deps: Pick<BotDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZBotListInput>,
): Promise<Bot[]> {
  const rows = await deps.db.prisma.bot.findMany({
    where: {
      userId: principal.userId,
      ...(input.status && { status: input.status }),
      ...(input.mode && { mode: input.mode }),
    },
    orderBy: { id: 'desc' },
    take: input.limit,
    include: OPEN_POSITIONS,
  });
  return rows.map(toBot);
}

/** One bot with all its trades (oldest first) and open positions. */
export async function getBot(
  deps: Pick<BotDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<BotDetail> {
  const row = await deps.db.prisma.bot.findUnique({
    where: { id: botId },
    include: { ...OPEN_POSITIONS, trades: { orderBy: { sequence: 'asc' } } },
  });
  if (row === null || !canAccessOwnedResource(principal, row.userId)) throw botNotFound(botId);
  return {
    ...toBot(row),
    trades: row.trades.map((trade) => toTrade(trade, row.feed)),
    positions: row.positions.map(toPosition),
  };
}

/** The caller's most recent running bot (seed 000's /bots/active), or null. */
export async function activeBot(
  deps: Pick<BotDeps, 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<Bot | null> {
  const row = await deps.db.prisma.bot.findFirst({
    where: { userId: principal.userId, status: { in: [...RUNNING_STATUSES] } },
    orderBy: { id: 'desc' },
    include: OPEN_POSITIONS,
  });
  return row === null ? null : toBot(row);
}
