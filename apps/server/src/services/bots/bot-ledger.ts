import { DomainError, type Timeframe } from '@tradewind/core';
import type { Bot, Trade } from '@tradewind/db';
import { type Fill, PaperBroker, RoundTripTracker, type Sizing } from '@tradewind/engine';
import type { BarFeed } from '../../market/bar-feed.ts';
import { TIMEFRAME_MS } from '../../market/timeframes.ts';
import { resolveRiskSettings } from './risk-settings.ts';

/** How a bot sizes entries: its `maxPositionPercent`, else its risk mode's default. */
export function botSizing(bot: Pick<Bot, 'risk' | 'riskMode'>): Sizing {
  return { type: 'percent_of_equity', percent: resolveRiskSettings(bot).maxPositionPercent };
}

/** A bot's ledger rebuilt from its persisted fills. */
export type BotLedger = {
  broker: PaperBroker;
  /** The rebuilt fills (fees recomputed from the stored price), one per persisted trade. */
  fills: Fill[];
  roundTrips: RoundTripTracker;
};

/**
 * Rebuilds a bot's paper broker from its persisted trades, in sequence order: each trade is
 * executed again at its stored price, so cash, positions and average-cost bases are what they
 * were after the last persisted fill. This is how a bot resumes after a restart or a take-over.
 */
export function rebuildLedger(
  bot: Pick<Bot, 'initialCash'>,
  trades: readonly Trade[],
  commissionRate: number,
): BotLedger {
  const broker = new PaperBroker({ initialCash: Number(bot.initialCash), commissionRate });
  const roundTrips = new RoundTripTracker();
  for (const trade of trades) {
    const result = broker.executeAt(
      trade.symbol,
      trade.action,
      Number(trade.quantity),
      Number(trade.price),
      trade.barTime.getTime(),
    );
    if (!('price' in result)) {
      throw new DomainError(
        'CONFLICT',
        `Bot ${trade.botId}'s ledger is inconsistent at fill ${trade.sequence}: ${result.message}`,
      );
    }
  }
  for (const fill of broker.fills) roundTrips.record(fill);
  return { broker, fills: [...broker.fills], roundTrips };
}

/** Time of the last bar the bot has seen: its last processed bar, or the bar before its start. */
export function lastSeenBarTime(
  bot: Pick<Bot, 'lastBarTime' | 'startTime' | 'createdAt' | 'timeframe'>,
  feed: BarFeed,
): number {
  if (bot.lastBarTime) return bot.lastBarTime.getTime();
  const timeframe = bot.timeframe as Timeframe;
  const start = feed.align(timeframe, (bot.startTime ?? bot.createdAt).getTime());
  return start - TIMEFRAME_MS[timeframe];
}

/** The last close of `symbol` the bot has seen: what operator actions and stops trade at. */
export async function lastPrice(
  bot: Pick<Bot, 'lastBarTime' | 'startTime' | 'createdAt' | 'timeframe'>,
  feed: BarFeed,
  symbol: string,
): Promise<number> {
  const time = lastSeenBarTime(bot, feed);
  const bar = await feed.closedBar(symbol, bot.timeframe as Timeframe, time);
  if (bar === undefined) {
    throw new DomainError(
      'PROVIDER_ERROR',
      `No ${bot.timeframe} bar of ${symbol} at ${new Date(time).toISOString()} to price it at`,
    );
  }
  return bar.close;
}
