import type { AuthenticatedPrincipal, TradeList, ZTradeListInput } from '@tradewind/core';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { toTrade } from '../bots/bot-mapping.ts';
import { assertBotVisible } from '../bots/bot-transaction.ts';

/** The caller's fills, newest first, optionally of one bot; paged by limit/offset. */
export async function listTrades(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZTradeListInput>,
): Promise<TradeList> {
  const { prisma } = deps.db;
  if (input.botId !== undefined) await assertBotVisible(prisma, principal, input.botId);
  const where =
    input.botId !== undefined ? { botId: input.botId } : { bot: { userId: principal.userId } };
  const [rows, total] = await Promise.all([
    prisma.trade.findMany({
      where,
      orderBy: [{ barTime: 'desc' }, { id: 'desc' }],
      take: input.limit,
      skip: input.offset,
      include: { bot: { select: { feed: true } } },
    }),
    prisma.trade.count({ where }),
  ]);
  return { trades: rows.map((row) => toTrade(row, row.bot.feed)), total };
}
