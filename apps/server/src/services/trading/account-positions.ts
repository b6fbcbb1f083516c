import {
  type AccountTermination,
  type AuthenticatedPrincipal,
  DomainError,
  type TradingPosition,
  type ZPositionsInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import { roundDownToStep } from '@tradewind/engine';
import type { z } from 'zod';
import { ownedAccount } from '../accounts/account-access.ts';
import { accountVenue, type TradingAccount, type TradingDeps } from './account-venue.ts';
import { fillsOf, reasonOf } from './place-order.ts';
import { applyFill } from './position-ledger.ts';

type PositionRow = Prisma.TradingPositionGetPayload<true>;

function toPosition(row: PositionRow): TradingPosition {
  return {
    id: row.id,
    botId: row.botId,
    symbol: row.symbol,
    side: row.side,
    size: row.size.toNumber(),
    openQuantity: row.quantity.toNumber(),
    entryPrice: row.entryPrice.toNumber(),
    exitPrice: row.exitPrice?.toNumber() ?? null,
    pnl: row.pnl.toNumber(),
    fee: row.fee.toNumber(),
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** Seed 001 `GET /trading/positions/{account_id}`: recent positions, newest first. */
export async function listPositions(
  deps: Pick<TradingDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZPositionsInput>,
): Promise<TradingPosition[]> {
  await ownedAccount(deps, principal, input.accountId);
  const rows = await deps.db.prisma.tradingPosition.findMany({
    where: {
      accountId: input.accountId,
      ...(input.status === 'closed' && { closedAt: { not: null } }),
      ...(input.status === 'open' && { closedAt: null }),
    },
    orderBy: [{ closedAt: { sort: 'desc', nulls: 'first' } }, { openedAt: 'desc' }],
    take: input.limit,
  });
  return rows.map(toPosition);
}

/**
 * Sells the open quantity of `position` at market (in the market's step; dust below it stays)
 * after cancelling Tradewind's resting orders in the symbol, and books the fill. Returns the
 * quantity sold, its price and the realized PnL.
 */
async function sellPosition(
  deps: TradingDeps,
  account: TradingAccount,
  position: PositionRow,
): Promise<{ quantity: number; price: number | null; pnl: number }> {
  const venue = accountVenue(deps, account);
  // Tradewind's own resting orders in the symbol (a take-profit) hold the quantity: cancel them.
  const resting = await venue.call(() => venue.port.openOrders(position.symbol));
  for (const order of resting.filter((entry) => entry.clientOrderId?.startsWith('tw-'))) {
    await venue.call(() => venue.port.cancelOrder(order.symbol, order.id));
  }
  const instrument = await venue.call(() => venue.client.fetchInstrument(position.symbol));
  const quantity = instrument
    ? roundDownToStep(position.quantity.toNumber(), instrument.quantityStep)
    : position.quantity.toNumber();
  const order = await venue.call(() =>
    venue.port.submitOrder({
      symbol: position.symbol,
      side: 'SELL',
      type: 'market',
      quantity,
      clientOrderId: `tw-close-${position.id.replaceAll('-', '').slice(0, 20)}`,
    }),
  );
  const fills = order.filled > 0 ? await fillsOf(venue, order) : undefined;
  const price = fills?.price ?? order.price ?? null;
  const filled = fills?.quantity ?? order.filled;
  let pnl = 0;
  if (filled > 0 && price !== null) {
    pnl = await deps.db.prisma.$transaction((tx) =>
      applyFill(tx, {
        accountId: account.id,
        botId: position.botId,
        symbol: position.symbol,
        side: 'SELL',
        quantity: filled,
        price,
        feeInQuote: fills?.feeInQuote ?? 0,
        time: deps.now(),
        closesPosition: filled >= quantity,
      }),
    );
  }
  return { quantity: filled, price, pnl };
}

/** Seed 001 `POST /trading/close-position/{account_id}`: the open position in `symbol`, at market. */
export async function closePosition(
  deps: TradingDeps,
  principal: AuthenticatedPrincipal,
  input: { accountId: string; symbol: string },
) {
  const account = await ownedAccount(deps, principal, input.accountId);
  const position = await deps.db.prisma.tradingPosition.findFirst({
    where: { accountId: account.id, symbol: input.symbol, closedAt: null },
  });
  if (position === null) {
    throw new DomainError(
      'NOT_FOUND',
      `symbol: account ${account.name} has no open position in ${input.symbol}`,
      { field: 'symbol' },
    );
  }
  const closed = await sellPosition(deps, account, position);
  return {
    success: true as const,
    message: 'Position closed',
    symbol: input.symbol,
    ...closed,
  };
}

/**
 * The symbols Tradewind traded on the account (its executions and open positions): where its
 * orders can be. Asked per symbol because exchanges ration (Binance) or refuse (ccxt's
 * binance, by default) a query for every symbol's open orders at once.
 */
async function tradedSymbols(
  deps: Pick<TradingDeps, 'db'>,
  accountId: string,
  positions: readonly PositionRow[],
): Promise<string[]> {
  const results = await deps.db.prisma.tradeExecutionResult.findMany({
    where: { accountId, orderId: { not: null } },
    select: { execution: { select: { request: true } } },
  });
  const symbols = new Set(positions.map((position) => position.symbol));
  for (const result of results) {
    const request = result.execution.request as { order?: { symbol?: unknown } };
    if (typeof request.order?.symbol === 'string') symbols.add(request.order.symbol);
  }
  return [...symbols].sort();
}

/**
 * Seed 001 `POST /trading/terminate/{account_id}`: cancels every open order in the symbols
 * Tradewind traded on the account and closes every open position at market; each failure is
 * listed and does not stop the rest.
 */
export async function terminateAccount(
  deps: TradingDeps,
  account: TradingAccount,
): Promise<AccountTermination> {
  const errors: AccountTermination['errors'] = [];
  let cancelledOrders = 0;
  let terminatedPositions = 0;
  const positions = await deps.db.prisma.tradingPosition.findMany({
    where: { accountId: account.id, closedAt: null },
  });
  try {
    const venue = accountVenue(deps, account);
    for (const symbol of await tradedSymbols(deps, account.id, positions)) {
      try {
        const orders = await venue.call(() => venue.port.openOrders(symbol));
        for (const order of orders) {
          if (await venue.call(() => venue.port.cancelOrder(order.symbol, order.id))) {
            cancelledOrders++;
          }
        }
      } catch (error) {
        errors.push({ accountId: account.id, symbol, message: reasonOf(error) });
      }
    }
  } catch (error) {
    errors.push({ accountId: account.id, symbol: null, message: reasonOf(error) });
  }
  for (const position of positions) {
    try {
      await sellPosition(deps, account, position);
      terminatedPositions++;
    } catch (error) {
      errors.push({ accountId: account.id, symbol: position.symbol, message: reasonOf(error) });
    }
  }
  return { success: errors.length === 0, terminatedPositions, cancelledOrders, errors };
}

export async function terminateOwnedAccount(
  deps: TradingDeps,
  principal: AuthenticatedPrincipal,
  accountId: string,
): Promise<AccountTermination> {
  return terminateAccount(deps, await ownedAccount(deps, principal, accountId));
}
