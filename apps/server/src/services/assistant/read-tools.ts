import { type Bot, roundMoney } from '@tradewind/core';
import { z } from 'zod';
import { listAlerts } from '../alerts/alerts.ts';
import { listBacktests } from '../backtests/backtest-queries.ts';
import { getBot } from '../bots/bot-queries.ts';
import { metricsOverview } from '../performance/performance.ts';
import { getTradingStatus } from '../system-control/trading-status.ts';
import {
  type AssistantTool,
  defineTool,
  type ToolContext,
  ZBotReference,
} from './assistant-tool.ts';
import { describeStopEvent, STOP_EVENT_TYPES } from './bot-events.ts';
import { botLabel, findBot, unknownBot } from './bot-lookup.ts';
import { formatMoney, formatPercent } from './money-format.ts';
import { realizedPnlSince, startOfUtcWeek } from './realized-pnl.ts';

const NO_ARGUMENTS = z.object({});
const quantity = (value: number) => Number(value.toFixed(8)).toString();
const returnOf = (bot: Bot) => bot.equity / bot.initialCash - 1;

function withBot(
  context: ToolContext,
  reference: string,
  answer: (bot: Bot) => ReturnType<AssistantTool['run']>,
) {
  const bot = findBot(context.bots, reference);
  return bot === undefined ? Promise.resolve(unknownBot(context.bots)) : answer(bot);
}

/** The portfolio: the figures of `performance.overview` and `system.tradingStatus`. */
const portfolioStatus = defineTool({
  name: 'portfolio_status',
  description:
    "The user's portfolio: active bots, capital, P&L today, this week and all time, in the user's currency.",
  parameters: NO_ARGUMENTS,
  run: async ({ deps, principal, currency }) => {
    const [overview, trading, week] = await Promise.all([
      metricsOverview(deps, principal),
      getTradingStatus(deps, principal.userId),
      realizedPnlSince(deps, principal.userId, startOfUtcWeek(deps.now())),
    ]);
    const money = (value: number) => formatMoney(value, currency);
    const text =
      `You have ${overview.activeBots} active bot${overview.activeBots === 1 ? '' : 's'} ` +
      `(${overview.totalBots} in all). Capital: ${money(overview.totalCapital)}. ` +
      `P&L today: ${money(trading.dailyPnl)} realized; this week: ${money(week)} realized; ` +
      `all time: ${money(overview.totalProfit)}. Open positions: ${trading.openPositions}.`;
    const data = {
      currency,
      activeBots: overview.activeBots,
      totalBots: overview.totalBots,
      capital: overview.totalCapital,
      pnlToday: trading.dailyPnl,
      pnlThisWeek: week,
      pnlAllTime: overview.totalProfit,
      openPositions: trading.openPositions,
    };
    return { text, data };
  },
});

const listBotsTool = defineTool({
  name: 'list_bots',
  description: "The user's bots with their status and equity.",
  parameters: NO_ARGUMENTS,
  run: async ({ bots, currency }) => {
    if (bots.length === 0) return { text: 'You have no bots yet.', data: { bots: [] } };
    const lines = bots.map(
      (bot) => `${botLabel(bot)}: ${bot.status}, equity ${formatMoney(bot.equity, currency)}`,
    );
    return {
      text: `Your bots:\n${lines.join('\n')}`,
      data: { bots: bots.map(({ id, name, status, equity }) => ({ id, name, status, equity })) },
    };
  },
});

/** One bot from `bots.get`: its state, figures, open positions and last five fills. */
const botStatus = defineTool({
  name: 'bot_status',
  description: "One bot's state, equity, P&L, open positions and recent trades.",
  parameters: ZBotReference,
  run: (context, { bot: reference }) =>
    withBot(context, reference, async (found) => {
      const { deps, principal, currency } = context;
      const bot = await getBot(deps, principal, found.id);
      const money = (value: number) => formatMoney(value, currency);
      const recent = bot.trades.slice(-5).reverse();
      const positions = bot.positions.map(
        (p) =>
          `${p.symbol} ${quantity(p.quantity)} @ ${p.entryPrice} (now ${p.currentPrice}, unrealized ${money(p.unrealizedPnl)})`,
      );
      const trades = recent.map(
        (t) => `${t.action} ${quantity(t.quantity)} ${t.symbol} @ ${t.price} (${t.timestamp})`,
      );
      const text = [
        `${botLabel(bot)} is ${bot.status}: ${bot.strategy} on ${bot.symbols.join(', ')} (${bot.feed}, ${bot.timeframe}).`,
        `Equity ${money(bot.equity)} from ${money(bot.initialCash)} (${formatPercent(returnOf(bot), true)}); ` +
          `realized P&L ${money(bot.totalPnl)} over ${bot.totalTrades} closed trade${bot.totalTrades === 1 ? '' : 's'} (${bot.winningTrades} won).`,
        positions.length > 0 ? `Open positions: ${positions.join('; ')}.` : 'No open positions.',
        trades.length > 0 ? `Recent trades: ${trades.join('; ')}.` : 'No trades yet.',
        ...(bot.errorMessage ? [`Error: ${bot.errorMessage}`] : []),
      ].join('\n');
      const { trades: _all, ...summary } = bot;
      return { text, data: { ...summary, recentTrades: recent } };
    }),
});

/** Best and worst by total return (equity over initial cash), as `performance.bot` reports it. */
const bestAndWorst = defineTool({
  name: 'best_and_worst_bots',
  description: "The user's best and worst bot by total return.",
  parameters: NO_ARGUMENTS,
  run: async ({ bots, currency }) => {
    if (bots.length === 0) return { text: 'You have no bots yet.', data: { bots: [] } };
    const ranked = [...bots].sort((a, b) => returnOf(b) - returnOf(a) || a.id - b.id);
    const describe = (bot: Bot) =>
      `${botLabel(bot)}: ${formatPercent(returnOf(bot), true)} (P&L ${formatMoney(roundMoney(bot.equity - bot.initialCash), currency)})`;
    const best = ranked[0] as Bot;
    const worst = ranked[ranked.length - 1] as Bot;
    const text =
      ranked.length === 1
        ? `You have one bot, ${describe(best)}.`
        : `Your best bot is ${describe(best)}. Your worst is ${describe(worst)}.`;
    const row = (bot: Bot) => ({
      id: bot.id,
      name: bot.name,
      totalReturn: returnOf(bot),
      pnl: roundMoney(bot.equity - bot.initialCash),
    });
    return { text, data: { best: row(best), worst: row(worst) } };
  },
});

/** Open positions of the running bots (`system.tradingStatus`). */
const openPositions = defineTool({
  name: 'open_positions',
  description: "Open positions of the user's running bots.",
  parameters: NO_ARGUMENTS,
  run: async ({ deps, principal, bots, currency }) => {
    const { positions } = await getTradingStatus(deps, principal.userId);
    if (positions.length === 0) return { text: 'You have no open positions.', data: { positions } };
    const names = new Map(bots.map((bot) => [bot.id, botLabel(bot)]));
    const lines = positions.map(
      (p) =>
        `${names.get(p.botId) ?? `#${p.botId}`}: ${p.symbol} ${quantity(p.size)} @ ${p.entryPrice}, now ${p.currentPrice}, unrealized ${formatMoney(p.unrealizedPnl, currency)}`,
    );
    return { text: `Open positions:\n${lines.join('\n')}`, data: { positions } };
  },
});

const recentAlerts = defineTool({
  name: 'recent_alerts',
  description: "The latest risk alerts of the user's bots.",
  parameters: NO_ARGUMENTS,
  run: async ({ deps, principal, bots }) => {
    const { alerts } = await listAlerts(deps, principal, { limit: 5 });
    if (alerts.length === 0) return { text: 'No alerts.', data: { alerts } };
    const names = new Map(bots.map((bot) => [bot.id, botLabel(bot)]));
    const lines = alerts.map(
      (a) =>
        `${a.createdAt.toISOString()} ${a.botId === null ? 'account group' : (names.get(a.botId) ?? `#${a.botId}`)} ${a.kind}: ${a.message}`,
    );
    return { text: `Latest alerts:\n${lines.join('\n')}`, data: { alerts } };
  },
});

const backtestResults = defineTool({
  name: 'backtest_results',
  description: "The user's latest backtests and their results.",
  parameters: NO_ARGUMENTS,
  run: async ({ deps, principal }) => {
    const { items, total } = await listBacktests(deps, principal, { page: 1, size: 5 });
    if (items.length === 0) return { text: 'You have no backtests yet.', data: { backtests: [] } };
    const lines = items.map((job) => {
      const m = job.metrics;
      const figures = m
        ? `return ${formatPercent(m.totalReturn, true)}, Sharpe ${m.sharpeRatio?.toFixed(2) ?? 'n/a'}, max drawdown ${formatPercent(m.maxDrawdown)}, ${m.totalTrades} trades`
        : (job.error ?? `${job.progress}% done`);
      return `#${job.id} ${job.name} ${job.status}: ${figures}`;
    });
    return {
      text: `Your latest backtests (${items.length} of ${total}):\n${lines.join('\n')}`,
      data: { backtests: items, total },
    };
  },
});

/** Why a bot is not trading: its last pause, stop or error event, and its error message. */
const whyStopped = defineTool({
  name: 'why_bot_stopped',
  description: 'Why a bot stopped or paused: its guard, error or stop request.',
  parameters: ZBotReference,
  run: (context, { bot: reference }) =>
    withBot(context, reference, async (bot) => {
      if (bot.status === 'ACTIVE') {
        return {
          text: `${botLabel(bot)} is running; it has not stopped.`,
          data: { status: bot.status },
        };
      }
      if (bot.status === 'CREATED') {
        return { text: `${botLabel(bot)} has not started yet.`, data: { status: bot.status } };
      }
      const event = await context.deps.db.prisma.outboxEvent.findFirst({
        where: { botId: bot.id, type: { in: [...STOP_EVENT_TYPES] } },
        orderBy: { id: 'desc' },
      });
      const described = event ? describeStopEvent(botLabel(bot), event) : undefined;
      const detail = bot.errorMessage ?? described?.detail;
      const text = described
        ? `${described.headline} (${event?.createdAt.toISOString()}).${detail ? ` ${detail}` : ''}`
        : `${botLabel(bot)} is ${bot.status}; I have no record of why.${detail ? ` ${detail}` : ''}`;
      return { text, data: { status: bot.status, reason: described?.headline, detail } };
    }),
});

/** The read services both engines may call. */
export const READ_TOOLS: readonly AssistantTool[] = [
  portfolioStatus,
  listBotsTool,
  botStatus,
  bestAndWorst,
  openPositions,
  recentAlerts,
  backtestResults,
  whyStopped,
];
