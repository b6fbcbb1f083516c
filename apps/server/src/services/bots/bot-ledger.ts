import { DomainError, isDomainError, type Timeframe } from '@tradewind/core';
import type { Bot, Trade } from '@tradewind/db';
import {
  type Fill,
  type Instrument,
  type MarketDataPort,
  PaperBroker,
  type PaperBrokerOptions,
  RoundTripTracker,
  type Sizing,
} from '@tradewind/engine';
import { TIMEFRAME_MS } from '../../market/timeframes.ts';
import { resolveRiskSettings } from './risk-settings.ts';

/**
 * How a bot sizes entries: its `maxPositionPercent`, else its risk mode's default; in lots of
 * `lotSize` (an exchange market's step) when given, else whole units.
 */
export function botSizing(bot: Pick<Bot, 'risk' | 'riskMode'>, lotSize?: number): Sizing {
  const percent = resolveRiskSettings(bot).maxPositionPercent;
  return { type: 'percent_of_equity', percent, ...(lotSize !== undefined && { lotSize }) };
}

/** A stored fill the ledger could not replay (a bug to alert on), and why. */
export type SkippedFill = { tradeId: number; sequence: number; message: string };

/** A bot's ledger rebuilt from its persisted fills. */
export type BotLedger = {
  broker: PaperBroker;
  /** The rebuilt fills (fees recomputed from the stored price), one per replayed trade. */
  fills: Fill[];
  roundTrips: RoundTripTracker;
  /** Stored fills that could not be replayed: left out so the bot keeps running. */
  skipped: SkippedFill[];
};

/**
 * Rebuilds a bot's paper broker from its persisted trades, in sequence order: each trade is
 * executed again at its stored price, so cash, positions and average-cost bases are what they
 * were after the last persisted fill. This is how a bot resumes after a restart or a take-over.
 *
 * It never throws on a stored fill: one the broker refuses (a zero quantity, a sell above the
 * holding) is left out and reported in `skipped`, for the caller to log and alert on, rather
 * than stranding the bot and its open positions in ERROR. `instruments`: the trading rules of
 * the bot's exchange markets, which its later orders keep to (replayed fills are not checked).
 */
export function rebuildLedger<B extends PaperBroker = PaperBroker>(
  bot: Pick<Bot, 'initialCash'> & Partial<Pick<Bot, 'mode'>>,
  trades: readonly Trade[],
  commissionRate: number,
  instruments?: Readonly<Record<string, Instrument>>,
  createBroker: (options: PaperBrokerOptions) => B = (options) => new PaperBroker(options) as B,
): BotLedger & { broker: B } {
  const broker = createBroker({
    initialCash: Number(bot.initialCash),
    commissionRate,
    instruments,
  });
  // A LIVE bot's fees are the exchange's, stored with each fill; a paper bot's follow the rate.
  const storedFees = bot.mode === 'LIVE';
  const roundTrips = new RoundTripTracker();
  const skipped: SkippedFill[] = [];
  for (const trade of trades) {
    const message = replayProblem(broker, trade, storedFees);
    if (message) skipped.push({ tradeId: trade.id, sequence: trade.sequence, message });
  }
  for (const fill of broker.fills) roundTrips.record(fill);
  return { broker, fills: [...broker.fills], roundTrips, skipped };
}

/** Replays one stored fill on `broker`; why it could not, or `undefined` when it did. */
function replayProblem(broker: PaperBroker, trade: Trade, storedFee: boolean): string | undefined {
  try {
    const result = broker.executeAt(
      trade.symbol,
      trade.action,
      Number(trade.quantity),
      Number(trade.price),
      trade.barTime.getTime(),
      storedFee ? Number(trade.fee) : undefined,
    );
    return 'price' in result ? undefined : result.message;
  } catch (error) {
    // The broker refuses a zero or negative quantity or price outright.
    if (isDomainError(error)) return error.message;
    throw error;
  }
}

/** Time of the last bar the bot has seen: its last processed bar, or the bar before its start. */
export function lastSeenBarTime(
  bot: Pick<Bot, 'lastBarTime' | 'startTime' | 'createdAt' | 'timeframe'>,
  feed: Pick<MarketDataPort, 'align'>,
): number {
  if (bot.lastBarTime) return bot.lastBarTime.getTime();
  const timeframe = bot.timeframe as Timeframe;
  const start = feed.align(timeframe, (bot.startTime ?? bot.createdAt).getTime());
  return start - TIMEFRAME_MS[timeframe];
}

/** The last close of `symbol` the bot has seen: what operator actions and stops trade at. */
export async function lastPrice(
  bot: Pick<Bot, 'lastBarTime' | 'startTime' | 'createdAt' | 'timeframe'>,
  feed: MarketDataPort,
  symbol: string,
): Promise<number> {
  const time = lastSeenBarTime(bot, feed);
  const [bar] = await feed.closedBars(symbol, bot.timeframe as Timeframe, time, 1);
  if (bar?.time !== time) {
    throw new DomainError(
      'PROVIDER_ERROR',
      `No ${bot.timeframe} bar of ${symbol} at ${new Date(time).toISOString()} to price it at`,
    );
  }
  return bar.close;
}
