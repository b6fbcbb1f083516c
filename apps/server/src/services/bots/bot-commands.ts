import {
  type AuthenticatedPrincipal,
  type Bot,
  type BotAction,
  DomainError,
  nextBotStatus,
  RUNNING_STATUSES,
  type Trade,
  type ZBotForceEnterInput,
  type ZBotForceExitInput,
} from '@tradewind/core';
import type { Bot as BotRow, Prisma } from '@tradewind/db';
import { entryQuantity, type Fill, type MarketDataPort } from '@tradewind/engine';
import type { z } from 'zod';
import type { PendingEvent } from '../../events/outbox.ts';
import { marketDataFor } from '../../venues/market-data-for.ts';
import { closeLiveBot } from '../orders/close-live-bot.ts';
import type { BotDeps } from './bot-deps.ts';
import { botSizing, lastPrice, lastSeenBarTime, rebuildLedger } from './bot-ledger.ts';
import { OPEN_POSITIONS, toBot, toTrade } from './bot-mapping.ts';
import { inBotTransaction, lockOwnedBot } from './bot-transaction.ts';
import { type FinishReason, finishBot } from './finish-bot.ts';
import { aggregateUpdate, persistFills } from './persist-fills.ts';

async function reload(tx: Prisma.TransactionClient, botId: number): Promise<Bot> {
  return toBot(await tx.bot.findUniqueOrThrow({ where: { id: botId }, include: OPEN_POSITIONS }));
}

async function transition(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  botId: number,
  action: Extract<BotAction, 'pause' | 'resume'>,
): Promise<Bot> {
  return inBotTransaction(deps, async (tx) => {
    const bot = await lockOwnedBot(tx, principal, botId);
    const status = nextBotStatus(bot.status, action);
    await tx.bot.update({ where: { id: bot.id }, data: { status } });
    const type = action === 'pause' ? 'bot.paused' : 'bot.resumed';
    return {
      result: await reload(tx, bot.id),
      events: [
        {
          type,
          userId: bot.userId,
          botId: bot.id,
          // Risk guards pause with their own reason (see the bot runner); this is the operator.
          payload: { botId: bot.id, status, reason: 'operator' },
        },
      ],
    };
  });
}

/**
 * Pauses a bot: its runner keeps reading bars (indicators stay current and the resume point
 * advances) but the strategy's orders are dropped, so nothing trades until it resumes.
 */
export function pauseBot(deps: BotDeps, principal: AuthenticatedPrincipal, botId: number) {
  return transition(deps, principal, botId, 'pause');
}

/** Resumes a paused bot from the market's current bar (paused bars are not traded later). */
export function resumeBot(deps: BotDeps, principal: AuthenticatedPrincipal, botId: number) {
  return transition(deps, principal, botId, 'resume');
}

/**
 * Stops a bot now (`stop` and `terminate` alike close every position at the last price the bot
 * has seen): COMPLETED with final cash and a PerformanceRecord; see `finishBot`.
 */
export async function stopBot(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  botId: number,
  reason: Exclude<FinishReason, 'scheduled'> = 'stop',
): Promise<Bot> {
  // A LIVE bot's positions are sold on the exchange first (network calls stay outside the lock).
  const live = await deps.db.prisma.bot.findUnique({ where: { id: botId } });
  if (live?.userId === principal.userId) await closeLiveBot(deps, live);
  return inBotTransaction(deps, async (tx) => {
    const bot = await lockOwnedBot(tx, principal, botId);
    const events = await finishBot(deps, tx, bot, reason);
    return { result: await reload(tx, bot.id), events };
  });
}

/** Deletes a bot that is not running, with its trades, positions and equity curve. */
export async function deleteBot(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<{ success: true; message: string }> {
  return inBotTransaction(deps, async (tx) => {
    const bot = await lockOwnedBot(tx, principal, botId);
    if ((RUNNING_STATUSES as readonly string[]).includes(bot.status)) {
      throw new DomainError(
        'CONFLICT',
        `Cannot delete bot ${bot.id} while it is ${bot.status}; stop it first`,
        {
          status: bot.status,
        },
      );
    }
    await tx.bot.delete({ where: { id: bot.id } });
    return { result: { success: true as const, message: `Bot ${bot.id} deleted` }, events: [] };
  });
}

function assertTradable(bot: BotRow, symbol: string): void {
  if (bot.status !== 'ACTIVE' && bot.status !== 'PAUSED') {
    throw new DomainError('CONFLICT', `Cannot trade on a bot that is ${bot.status}`, {
      status: bot.status,
    });
  }
  if (!bot.symbols.includes(symbol)) {
    throw new DomainError('VALIDATION_ERROR', `symbol: bot ${bot.id} does not trade ${symbol}`, {
      field: 'symbol',
    });
  }
}

/**
 * An operator's immediate fill at the symbol's last close (freqtrade's forceenter/forceexit):
 * written like any fill, under the bot's row lock; the runner sees the fill sequence moved and
 * rebuilds its ledger from the database before its next bar.
 */
async function operatorFill(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  botId: number,
  symbol: string,
  decide: (
    bot: BotRow,
    ledger: ReturnType<typeof rebuildLedger>,
    price: number,
    feed: MarketDataPort,
  ) => Promise<{
    side: 'BUY' | 'SELL';
    quantity: number;
    reason: string;
  }>,
): Promise<Trade> {
  return inBotTransaction(deps, async (tx) => {
    const bot = await lockOwnedBot(tx, principal, botId);
    assertTradable(bot, symbol);
    const trades = await tx.trade.findMany({ where: { botId }, orderBy: { sequence: 'asc' } });
    const ledger = rebuildLedger(bot, trades, deps.config.paperCommissionRate);
    const feed = marketDataFor(deps, bot.feed);
    const price = await lastPrice(bot, feed, symbol);
    const { side, quantity, reason } = await decide(bot, ledger, price, feed);
    const result = ledger.broker.executeAt(
      symbol,
      side,
      quantity,
      price,
      lastSeenBarTime(bot, feed),
    );
    if (!('price' in result)) {
      throw new DomainError(
        result.reason === 'INSUFFICIENT_FUNDS' ? 'INSUFFICIENT_FUNDS' : 'CONFLICT',
        result.message,
      );
    }
    const fill: Fill = result;
    const { aggregates, events } = await persistFills(tx, bot, [fill], reason, ledger.broker);
    await tx.bot.update({
      where: { id: bot.id },
      data: aggregateUpdate(aggregates, bot.fillSequence + 1, ledger.broker.cash()),
    });
    const trade = await tx.trade.findUniqueOrThrow({
      where: { botId_sequence: { botId: bot.id, sequence: bot.fillSequence + 1 } },
    });
    return { result: toTrade(trade, bot.feed), events: events as PendingEvent[] };
  });
}

/** Buys `quantity` (default: what the bot's sizing allows) of `symbol` now, at its last close. */
export function forceEnter(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZBotForceEnterInput>,
): Promise<Trade> {
  return operatorFill(
    deps,
    principal,
    input.botId,
    input.symbol,
    async (bot, ledger, price, feed) => {
      const { broker } = ledger;
      let equity = broker.cash();
      for (const position of broker.openPositions()) {
        equity += position.quantity * (await lastPrice(bot, feed, position.symbol));
      }
      // On an exchange market the entry is sized in the market's step (fractional BTC).
      const step = (await feed.instrument(input.symbol))?.quantityStep;
      const quantity =
        input.quantity ?? entryQuantity(botSizing(bot, step), equity, price, broker.costModel);
      if (!(quantity > 0)) {
        throw new DomainError(
          'INSUFFICIENT_FUNDS',
          `Not enough cash to buy ${input.symbol} at ${price}`,
        );
      }
      return { side: 'BUY', quantity, reason: 'force_enter' };
    },
  );
}

/** Sells the whole position in `symbol` now, at its last close. */
export function forceExit(
  deps: BotDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZBotForceExitInput>,
): Promise<Trade> {
  return operatorFill(deps, principal, input.botId, input.symbol, async (_bot, ledger) => {
    const quantity = ledger.broker.positionQuantity(input.symbol);
    if (!(quantity > 0)) {
      throw new DomainError('CONFLICT', `Bot ${input.botId} holds no ${input.symbol}`, {
        field: 'symbol',
      });
    }
    return { side: 'SELL', quantity, reason: 'force_exit' };
  });
}
