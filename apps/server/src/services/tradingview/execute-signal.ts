import {
  type AuthenticatedPrincipal,
  DomainError,
  isDomainError,
  type TradingViewAlert,
  type TradingViewExecution,
} from '@tradewind/core';
import type { Bot } from '@tradewind/db';
import { forceEnter, forceExit } from '../bots/bot-commands.ts';
import type { BotDeps } from '../bots/bot-deps.ts';

/** A bot a signal will trade, with the bot's own spelling of the symbol. */
export type SignalTarget = { bot: Bot; symbol: string };

/** `NASDAQ:aapl` -> `AAPL`, `BTC/USD` and `BTCUSD` alike -> `BTCUSD`: how tickers are matched. */
function comparableTicker(symbol: string): string {
  const withoutExchange = symbol.includes(':') ? symbol.slice(symbol.indexOf(':') + 1) : symbol;
  return withoutExchange.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The owner's ACTIVE bots named `botname` (case-insensitively) that trade the alert's symbol.
 * Refuses, naming the reason, when no bot has the name, none of them is ACTIVE, or none trades
 * the symbol; the owner's own bots only, so another user's bot name never matches.
 */
export async function resolveTargets(
  deps: Pick<BotDeps, 'db'>,
  userId: string,
  alert: TradingViewAlert,
): Promise<SignalTarget[]> {
  const named = await deps.db.prisma.bot.findMany({
    where: { userId, name: { equals: alert.botname, mode: 'insensitive' } },
    orderBy: { id: 'asc' },
  });
  if (named.length === 0) {
    throw new DomainError('NOT_FOUND', `botname: you have no bot named "${alert.botname}"`, {
      field: 'botname',
    });
  }
  const active = named.filter((bot) => bot.status === 'ACTIVE');
  if (active.length === 0) {
    const statuses = [...new Set(named.map((bot) => bot.status))].join(', ');
    throw new DomainError(
      'CONFLICT',
      `botname: bot "${alert.botname}" is ${statuses}; signals trade ACTIVE bots only`,
      { field: 'botname' },
    );
  }
  const wanted = comparableTicker(alert.symbol);
  const targets = active.flatMap((bot) => {
    const symbol = bot.symbols.find((candidate) => comparableTicker(candidate) === wanted);
    return symbol ? [{ bot, symbol }] : [];
  });
  if (targets.length === 0) {
    const traded = [...new Set(active.flatMap((bot) => bot.symbols))].join(', ');
    throw new DomainError(
      'VALIDATION_ERROR',
      `symbol: bot "${alert.botname}" does not trade ${alert.symbol} (it trades ${traded})`,
      { field: 'symbol' },
    );
  }
  return targets;
}

/**
 * Executes the alert on each target through the operators' force-enter (buy) and force-exit
 * (sell) commands: a market fill at the symbol's last price on the bot's paper broker. A buy
 * takes `size` units (default: the bot's sizing); a sell closes the whole position. One bot
 * failing (no cash, nothing to sell) does not stop the others.
 */
export async function executeOnTargets(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  alert: TradingViewAlert,
  targets: readonly SignalTarget[],
  logError: (error: unknown, botId: number) => void,
): Promise<TradingViewExecution[]> {
  const results: TradingViewExecution[] = [];
  for (const { bot, symbol } of targets) {
    const base = { botId: bot.id, botName: bot.name, symbol };
    try {
      const trade =
        alert.side === 'buy'
          ? await forceEnter(deps, principal, { botId: bot.id, symbol, quantity: alert.size })
          : await forceExit(deps, principal, { botId: bot.id, symbol });
      results.push({
        ...base,
        success: true,
        tradeId: trade.id,
        action: trade.action,
        quantity: trade.quantity,
        price: trade.price,
        fee: trade.fee,
        error: null,
      });
    } catch (error) {
      if (!isDomainError(error)) logError(error, bot.id);
      results.push({
        ...base,
        success: false,
        tradeId: null,
        action: alert.side === 'buy' ? 'BUY' : 'SELL',
        quantity: null,
        price: null,
        fee: null,
        error: isDomainError(error) ? error.message : 'Internal error',
      });
    }
  }
  return results;
}
