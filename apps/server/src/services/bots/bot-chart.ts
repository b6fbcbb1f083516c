import {
  type AuthenticatedPrincipal,
  type BotChart,
  canAccessOwnedResource,
  DomainError,
  SIMULATOR_FEED,
  TIMEFRAME_MS,
  type Timeframe,
  toMoney,
  type ZBotChartInput,
} from '@tradewind/core';
import type { Bar } from '@tradewind/engine';
import { simulatorMarketData } from '@tradewind/venues';
import type { z } from 'zod';
import type { BotDeps } from './bot-deps.ts';
import { botNotFound } from './bot-transaction.ts';

type Range = { from: Date; to: Date };

/**
 * The bars an exchange-fed bot saw: the ones the runner stored (shared exchange candles). Only
 * what is stored: drawing a chart never calls the exchange.
 */
async function storedBars(
  deps: Pick<BotDeps, 'db'>,
  series: { venue: string; symbol: string; timeframe: string },
  range: Range,
): Promise<Bar[]> {
  const rows = await deps.db.prisma.candle.findMany({
    where: { ownerId: '', ...series, time: { gte: range.from, lte: range.to } },
    orderBy: { time: 'asc' },
  });
  return rows.map((row) => ({ ...row, time: row.time.getTime() }));
}

/**
 * One bot's chart: the last `limit` bars it processed (the simulator's are recomputed, being
 * a pure function of seed, symbol and time; an exchange's are read from the candles table) and
 * its equity after each of them. Fills are the bot's trades (their `barTime`).
 */
export async function botChart(
  deps: Pick<BotDeps, 'db' | 'market'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZBotChartInput>,
): Promise<BotChart> {
  const { prisma } = deps.db;
  const bot = await prisma.bot.findUnique({ where: { id: input.botId } });
  if (bot === null || !canAccessOwnedResource(principal, bot.userId)) {
    throw botNotFound(input.botId);
  }
  const symbol = input.symbol ?? bot.symbols[0] ?? '';
  if (!bot.symbols.includes(symbol)) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `symbol: bot ${bot.id} trades ${bot.symbols.join(', ')}`,
      {
        field: 'symbol',
      },
    );
  }
  const timeframe = bot.timeframe as Timeframe;
  const snapshots = (
    await prisma.equitySnapshot.findMany({
      where: { botId: bot.id },
      orderBy: { time: 'desc' },
      take: input.limit,
    })
  ).reverse();
  const first = snapshots[0];
  const last = snapshots.at(-1);
  let bars: Bar[] = [];
  if (first && last) {
    const range = { from: first.time, to: last.time };
    bars =
      bot.feed === SIMULATOR_FEED
        ? await simulatorMarketData(deps.market).history(symbol, timeframe, {
            from: range.from.getTime(),
            to: range.to.getTime() + TIMEFRAME_MS[timeframe],
          })
        : await storedBars(deps, { venue: bot.feed, symbol, timeframe }, range);
  }
  return {
    botId: bot.id,
    symbol,
    timeframe,
    candles: bars.map((bar) => ({
      time: new Date(bar.time).toISOString(),
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
    })),
    equity: snapshots.map((snapshot) => ({
      time: snapshot.time.toISOString(),
      equity: toMoney(snapshot.equity),
    })),
  };
}
