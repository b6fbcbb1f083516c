import type { Prisma } from '@tradewind/db';
import type { Fill, PaperBroker } from '@tradewind/engine';
import type { PendingEvent } from '../../events/outbox.ts';
import { toTrade } from './bot-mapping.ts';

/** What a batch of fills changed in the bot's aggregates. */
export type FillAggregates = {
  /** Closing fills that took a position back to flat: closed round trips. */
  closedTrades: number;
  /** Closed round trips whose net PnL (all their fills' fees included) is positive. */
  winningTrades: number;
  realizedPnl: number;
};

/**
 * Writes fills inside the caller's transaction: one Trade row each, numbered from
 * `fillSequence + 1` (the unique (botId, sequence) makes a replayed fill impossible to write
 * twice), the Position rows they open, change or close, and a `trade.executed` event each.
 * `reason` is one for all fills, or one per fill (a bar's signal fills and its stop-losses).
 *
 * A Position row spans one round trip (opened from flat, closed back to flat), so its
 * accumulated `realizedPnl` at close is the trip's net PnL, which decides whether it won.
 */
export async function persistFills(
  tx: Prisma.TransactionClient,
  bot: { id: number; userId: string; fillSequence: number; feed: string },
  fills: readonly Fill[],
  reason: string | ((fill: Fill, index: number) => string),
  broker: PaperBroker,
): Promise<{ aggregates: FillAggregates; events: PendingEvent[] }> {
  const aggregates: FillAggregates = { closedTrades: 0, winningTrades: 0, realizedPnl: 0 };
  const events: PendingEvent[] = [];
  let sequence = bot.fillSequence;
  for (const [index, fill] of fills.entries()) {
    sequence++;
    const why = typeof reason === 'string' ? reason : reason(fill, index);
    const at = new Date(fill.time);
    const pnl = fill.side === 'SELL' ? fill.realizedPnl : null;
    const trade = await tx.trade.create({
      data: {
        botId: bot.id,
        sequence,
        symbol: fill.symbol,
        action: fill.side,
        quantity: fill.quantity,
        price: fill.price,
        fee: fill.fee,
        pnl,
        reason: why,
        barTime: at,
      },
    });
    const open = await tx.position.findFirst({
      where: { botId: bot.id, symbol: fill.symbol, closedAt: null },
    });
    const position = broker.position(fill.symbol);
    if (open === null) {
      await tx.position.create({
        data: {
          botId: bot.id,
          symbol: fill.symbol,
          quantity: fill.positionAfter,
          averagePrice: position.averagePrice || fill.price,
          lastPrice: fill.price,
          realizedPnl: fill.realizedPnl,
          openedAt: at,
          closedAt: fill.positionAfter === 0 ? at : null,
        },
      });
    } else {
      const tripPnl = Number(open.realizedPnl) + fill.realizedPnl;
      const closed = fill.positionAfter === 0;
      await tx.position.update({
        where: { id: open.id },
        data: {
          quantity: fill.positionAfter,
          ...(!closed && { averagePrice: position.averagePrice }),
          lastPrice: fill.price,
          realizedPnl: tripPnl,
          closedAt: closed ? at : null,
        },
      });
      if (closed) {
        aggregates.closedTrades++;
        if (tripPnl > 0) aggregates.winningTrades++;
      }
    }
    aggregates.realizedPnl += fill.realizedPnl;
    events.push({
      type: 'trade.executed',
      userId: bot.userId,
      botId: bot.id,
      // The trade as the contract shows it (ZTrade), as stored, plus its fill number.
      payload: { ...toTrade(trade, bot.feed), tradeId: trade.id, sequence },
    });
  }
  return { aggregates, events };
}

/** The bot columns a batch of fills updates (use inside the same transaction). */
export function aggregateUpdate(
  aggregates: FillAggregates,
  fillSequence: number,
  cash: number,
): Prisma.BotUpdateManyMutationInput {
  return {
    fillSequence,
    currentCash: cash,
    totalTrades: { increment: aggregates.closedTrades },
    winningTrades: { increment: aggregates.winningTrades },
    totalPnl: { increment: aggregates.realizedPnl },
  };
}
