import { DomainError } from '@tradewind/core';
import type { Bot, Trade } from '@tradewind/db';
import type { Instrument, MarketDataPort } from '@tradewind/engine';
import { instrumentsOf, type PaperExecution, paperExecution } from '@tradewind/venues';
import type { ServiceDeps } from '../service-deps.ts';
import { openCredentials } from '../services/accounts/account-credentials.ts';
import { rebuildLedger, type SkippedFill } from '../services/bots/bot-ledger.ts';
import type { LiveVenue } from '../services/orders/live-step.ts';
import { reconcileBot } from '../services/orders/reconcile-bot.ts';
import { LiveLedger } from './live-ledger.ts';
import { marketDataFor } from './market-data-for.ts';

/** A LIVE bot's venue (a `BotVenue` with its live side). */
export type LiveBotVenue = {
  marketData: MarketDataPort;
  instruments: Readonly<Record<string, Instrument>>;
  execution: PaperExecution;
  skippedFills: readonly SkippedFill[];
  live: LiveVenue;
};

export type LiveVenueDeps = Pick<
  ServiceDeps,
  'db' | 'market' | 'venues' | 'now' | 'config' | 'secretBox' | 'events'
>;

/**
 * A LIVE bot's venue: bars from its account's exchange, orders to that account through the
 * venues' ccxt execution port, a ledger fed only by the exchange's fills. The bot is reconciled
 * with the exchange (see `reconcileBot`) before it is handed to the runner, so it never trades
 * on a state the exchange does not confirm.
 */
export async function openLiveVenue(
  deps: LiveVenueDeps,
  bot: Bot,
  trades: readonly Trade[],
  cashCurrency: string,
): Promise<LiveBotVenue> {
  const account =
    bot.accountId === null
      ? null
      : await deps.db.prisma.account.findUnique({ where: { id: bot.accountId } });
  if (
    account === null ||
    account.credentialsEncrypted === null ||
    account.maxOrderNotional === null ||
    account.maxOpenExposure === null
  ) {
    throw new DomainError(
      'VALIDATION_ERROR',
      'accountId: the LIVE bot has no keyed account with limits',
      {
        field: 'accountId',
      },
    );
  }
  const port = deps.venues.execution({
    exchangeId: account.exchange,
    testnet: account.isTestnet,
    credentials: openCredentials(deps.secretBox, account.credentialsEncrypted),
  });
  const marketData = marketDataFor(deps, bot.feed);
  const instruments = await instrumentsOf(marketData, bot.symbols);
  const ledger = rebuildLedger(
    bot,
    trades,
    deps.config.paperCommissionRate,
    instruments,
    (options) => new LiveLedger(options),
  );
  ledger.broker.routing = true;
  const live: LiveVenue = {
    target: { botId: bot.id, accountId: account.id, port },
    limits: {
      maxOrderNotional: Number(account.maxOrderNotional),
      maxOpenExposure: Number(account.maxOpenExposure),
    },
    ledger: ledger.broker,
    instruments,
  };
  await reconcileBot(deps, live, bot);
  return {
    marketData,
    instruments,
    execution: paperExecution(marketData.venue, ledger.broker, cashCurrency),
    skippedFills: ledger.skipped,
    live,
  };
}
