import type { AuthenticatedPrincipal, ChatGreeting } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { describeStopEvent, STOP_EVENT_TYPES } from './bot-events.ts';
import { formatMoney, formatPercent } from './money-format.ts';

const DAY_MS = 24 * 60 * 60_000;
const MAX_HIGHLIGHTS = 10;

type Deps = Pick<ServiceDeps, 'db' | 'now'>;

/**
 * Seed 003's greeting: the user's first name and a report of the last 24 hours (wall clock).
 * The summary counts the fills of the user's bots in the window and sums their realized PnL;
 * each highlight is a bot that realized a gain or loss in the window (as a percent of its
 * initial cash), then each pause, stop or error, newest first.
 */
export async function chatGreeting(
  deps: Deps,
  principal: AuthenticatedPrincipal,
): Promise<ChatGreeting> {
  const { prisma } = deps.db;
  const since = new Date(deps.now().getTime() - DAY_MS);
  const userId = principal.userId;
  const [user, bots, fills, events] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { firstName: true, currency: true },
    }),
    prisma.bot.findMany({
      where: { userId },
      select: { id: true, name: true, status: true, initialCash: true },
    }),
    prisma.trade.groupBy({
      by: ['botId'],
      where: { bot: { userId }, executedAt: { gte: since } },
      _count: { _all: true },
      _sum: { pnl: true },
    }),
    prisma.outboxEvent.findMany({
      where: { userId, type: { in: [...STOP_EVENT_TYPES] }, createdAt: { gte: since } },
      orderBy: { id: 'desc' },
      take: MAX_HIGHLIGHTS,
    }),
  ]);
  const names = new Map(bots.map((bot) => [bot.id, bot.name]));
  const greeting = `Welcome back, ${user.firstName}!`;
  if (bots.length === 0) {
    return {
      success: true,
      greeting,
      dailyReport: {
        summary:
          'You have no bots yet. Ask me to start one, e.g. "start a MovingAverage bot with 10000 on AAPL".',
        highlights: [],
      },
    };
  }
  const tradeCount = fills.reduce((sum, row) => sum + row._count._all, 0);
  const realized = fills.reduce((sum, row) => sum + Number(row._sum.pnl ?? 0), 0);
  const running = bots.filter((bot) => bot.status === 'ACTIVE' || bot.status === 'PAUSED').length;
  const summary =
    `In the last 24 hours your bots made ${tradeCount} trade${tradeCount === 1 ? '' : 's'} ` +
    `and realized ${formatMoney(realized, user.currency)}; ` +
    `${running} of your ${bots.length} bot${bots.length === 1 ? '' : 's'} ${running === 1 ? 'is' : 'are'} running.`;
  const gains = bots
    .map((bot) => {
      const pnl = Number(fills.find((row) => row.botId === bot.id)?._sum.pnl ?? 0);
      return { bot, pnl, fraction: pnl / Number(bot.initialCash) };
    })
    .filter((gain) => gain.pnl !== 0)
    .sort((a, b) => b.fraction - a.fraction)
    .map(
      ({ bot, pnl, fraction }) =>
        `${bot.name} ${pnl > 0 ? 'gained' : 'lost'} ${formatPercent(Math.abs(fraction))} ` +
        `(${formatMoney(pnl, user.currency)} realized)`,
    );
  const stops = events
    .filter((event) => event.botId !== null && names.has(event.botId))
    .map((event) => describeStopEvent(names.get(event.botId as number) as string, event).headline);
  return {
    success: true,
    greeting,
    dailyReport: { summary, highlights: [...gains, ...stops].slice(0, MAX_HIGHLIGHTS) },
  };
}
