import { nextBotStatus, roundMoney, type Timeframe, toMoney } from '@tradewind/core';
import type { Bot, Prisma } from '@tradewind/db';
import { computeMetrics, type Fill, getStrategyDefinition, PaperBroker } from '@tradewind/engine';
import type { PendingEvent } from '../../events/outbox.ts';
import { barsPerYear } from '../../market/timeframes.ts';
import { LiveLedger } from '../../venues/live-ledger.ts';
import { marketDataFor } from '../../venues/market-data-for.ts';
import { bookExchangeFills } from '../orders/book-exchange-fills.ts';
import { pascalCase, performanceFigures } from '../performance/performance-figures.ts';
import type { BotDeps } from './bot-deps.ts';
import { lastPrice, lastSeenBarTime, rebuildLedger } from './bot-ledger.ts';
import { aggregateUpdate, persistFills } from './persist-fills.ts';

/** Why a bot stops: an operator's stop or terminate, or its scheduled end time. */
export type FinishReason = 'stop' | 'terminate' | 'scheduled';

/**
 * Finishes a running bot inside the caller's transaction (the bot row already locked): closes
 * every open position at the last close the bot has seen (commission applies, no slippage),
 * sets final cash, end time and COMPLETED, writes its PerformanceRecord and `bot.finished`.
 * Final cash is kept at the ledger's scale and `totalPnl` becomes exactly final minus initial
 * cash (core's money rule), whatever the running sum of realized PnL drifted to.
 * The runner holding the bot notices on its next bar (its guarded write no longer matches) and
 * lets go. Returns the events to write to the outbox.
 */
export async function finishBot(
  deps: Pick<BotDeps, 'db' | 'market' | 'venues' | 'config' | 'now'>,
  tx: Prisma.TransactionClient,
  bot: Bot,
  reason: FinishReason,
): Promise<PendingEvent[]> {
  nextBotStatus(nextBotStatus(bot.status, 'stop'), 'finish');
  const trades = await tx.trade.findMany({
    where: { botId: bot.id },
    orderBy: { sequence: 'asc' },
  });
  const live = bot.mode === 'LIVE';
  const ledger = rebuildLedger(
    bot,
    trades,
    deps.config.paperCommissionRate,
    undefined,
    (options) => (live ? new LiveLedger(options) : new PaperBroker(options)),
  );
  const { broker } = ledger;
  // A LIVE bot's positions were sold on the exchange (`closeLiveBot`): its fills are booked.
  const closing: Fill[] = live
    ? (await bookExchangeFills(tx, bot, broker as LiveLedger)).fills
    : await closeAtLastPrice(deps, bot, broker);
  const { aggregates, events } = await persistFills(tx, bot, closing, reason, broker);
  for (const fill of closing) ledger.roundTrips.record(fill);
  const finalCash = roundMoney(broker.cash());
  const initialCash = toMoney(bot.initialCash);
  const totalPnl = roundMoney(finalCash - initialCash);
  const now = deps.now();
  await tx.bot.update({
    where: { id: bot.id },
    data: {
      ...aggregateUpdate(aggregates, bot.fillSequence + closing.length, finalCash),
      totalPnl,
      status: 'COMPLETED',
      finalCash,
      endTime: now,
      leaseOwner: null,
      leaseExpiresAt: null,
    },
  });

  const snapshots = await tx.equitySnapshot.findMany({
    where: { botId: bot.id },
    orderBy: { time: 'asc' },
    select: { equity: true },
  });
  const equity = [...snapshots.map((snapshot) => Number(snapshot.equity)), finalCash];
  const metrics = computeMetrics({
    initialCash,
    equity,
    tradePnls: ledger.roundTrips.closedTrades.map((trade) => trade.pnl),
    totalFees: [...ledger.fills, ...closing].reduce((sum, fill) => sum + fill.fee, 0),
    periodsPerYear: barsPerYear(bot.timeframe as Timeframe),
  });
  const record = await tx.performanceRecord.create({
    data: {
      userId: bot.userId,
      botId: bot.id,
      strategyName: bot.strategy,
      strategyType: pascalCase(getStrategyDefinition(bot.strategy).category),
      executionType: bot.mode === 'LIVE' ? 'LIVE_TRADING' : 'PAPER_TRADING',
      symbols: bot.symbols,
      startDate: bot.startTime ?? bot.createdAt,
      endDate: now,
      ...performanceFigures(metrics),
    },
  });
  events.push({
    type: 'bot.finished',
    userId: bot.userId,
    botId: bot.id,
    payload: {
      botId: bot.id,
      reason,
      finalCash,
      totalPnl,
      performanceRecordId: record.id,
    },
  });
  return events;
}

/** Sells every position of a paper bot at the last close it has seen (commission applies). */
async function closeAtLastPrice(
  deps: Pick<BotDeps, 'db' | 'market' | 'venues' | 'now'>,
  bot: Bot,
  broker: PaperBroker,
): Promise<Fill[]> {
  const feed = marketDataFor(deps, bot.feed);
  const closeTime = lastSeenBarTime(bot, feed);
  const closing: Fill[] = [];
  for (const position of broker.openPositions()) {
    const price = await lastPrice(bot, feed, position.symbol);
    const result = broker.executeAt(position.symbol, 'SELL', position.quantity, price, closeTime);
    if ('price' in result) closing.push(result);
  }
  return closing;
}
