import type { Bot, Trade } from '@tradewind/db';
import type { Instrument, MarketDataPort } from '@tradewind/engine';
import { instrumentsOf, type PaperExecution, paperExecution } from '@tradewind/venues';
import { rebuildLedger, type SkippedFill } from '../services/bots/bot-ledger.ts';
import type { LiveVenue } from '../services/orders/live-step.ts';
import { type LiveVenueDeps, openLiveVenue } from './live-venue.ts';
import { marketDataFor } from './market-data-for.ts';

/** Where a bot's bars come from and where its orders go. */
export type BotVenue = {
  marketData: MarketDataPort;
  /** The trading rules of the bot's markets (exchange markets only). */
  instruments: Readonly<Record<string, Instrument>>;
  /** Paper fills over the bot's ledger, rebuilt from its stored fills. */
  execution: PaperExecution;
  /** Stored fills the ledger could not replay (see `rebuildLedger`). */
  skippedFills: readonly SkippedFill[];
  /** LIVE bots: the account's execution port, its limits and the exchange-fed ledger. */
  live?: LiveVenue;
};

/** The currency a bot's cash is in: the quote of its markets (`USDT` of `BTC/USDT`). */
function cashCurrency(symbols: readonly string[]): string {
  return symbols[0]?.split('/')[1] ?? 'USD';
}

/**
 * The factory of a bot's venue, keyed by its feed (market data: the simulator or an exchange)
 * and its mode and account (execution). PAPER bots fill through the paper broker on whatever
 * feed they watch; LIVE bots send orders to their account's exchange through the venues'
 * ccxt execution port (`Venues.execution`), reconciled first (see `openLiveVenue`).
 */
export async function openBotVenue(
  deps: LiveVenueDeps,
  bot: Bot,
  trades: readonly Trade[],
): Promise<BotVenue> {
  if (bot.mode === 'LIVE') return openLiveVenue(deps, bot, trades, cashCurrency(bot.symbols));
  const marketData = marketDataFor(deps, bot.feed);
  const instruments = await instrumentsOf(marketData, bot.symbols);
  const ledger = rebuildLedger(bot, trades, deps.config.paperCommissionRate, instruments);
  return {
    marketData,
    instruments,
    execution: paperExecution(marketData.venue, ledger.broker, cashCurrency(bot.symbols)),
    skippedFills: ledger.skipped,
  };
}
