import { DomainError, isDomainError, type ZTradeOrder } from '@tradewind/core';
import { minimumProblem, roundDownToStep, type VenueOrder } from '@tradewind/engine';
import type { z } from 'zod';
import type { AccountVenue } from './account-venue.ts';

type TradeOrder = z.output<typeof ZTradeOrder>;

/** What one account's order came to, as stored in its execution result. */
export type PlacedOrder = {
  status: 'filled' | 'open';
  orderId: string;
  quantity: number;
  filled: number;
  /** What the account holds from it: a buy's quantity less a fee charged in the base asset. */
  held: number;
  price: number | null;
  fee: number | null;
  feeCurrency: string | null;
  /** The fee valued in the quote currency (a fee in the base asset at the fill price). */
  feeInQuote: number;
  time: Date;
  takeProfitOrderId: string | null;
  takeProfitError: string | null;
};

/** `BTC/USDT` -> `['BTC', 'USDT']`. */
export function pairOf(symbol: string): [string, string] {
  const [base = '', quote = ''] = symbol.split('/');
  return [base, quote];
}

/** The reason text of a failure, for a result row (DomainError messages are already scrubbed). */
export function reasonOf(error: unknown): string {
  return isDomainError(error) ? error.message : 'unexpected error placing the order';
}

/**
 * The order's quantity on this account: `riskPercentage` of the account's equity in the
 * pair's quote currency (quote held plus base held at the price), in the market's step. An
 * order below the market's minimum quantity or notional is refused here, before sending.
 */
async function sizeOrder(venue: AccountVenue, order: TradeOrder, price: number) {
  const instrument = await venue.call(() => venue.client.fetchInstrument(order.symbol));
  if (instrument === undefined) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `symbol: ${venue.client.exchangeId} has no market ${order.symbol}`,
      { field: 'symbol' },
    );
  }
  const [base, quote] = pairOf(order.symbol);
  const balances = await venue.call(() => venue.port.balances());
  const total = (currency: string) =>
    balances.find((balance) => balance.currency === currency)?.total ?? 0;
  const equity = total(quote) + total(base) * price;
  const quantity = roundDownToStep(
    (equity * order.riskPercentage) / 100 / price,
    instrument.quantityStep,
  );
  const problem = minimumProblem(instrument, quantity, price);
  if (!problem) return { quantity, step: instrument.quantityStep };
  throw new DomainError(
    'VALIDATION_ERROR',
    `order below the market minimum: ${order.riskPercentage}% of equity ${equity} ${quote} at ${price} is ${quantity} ${base}; ${problem}`,
    { field: 'riskPercentage' },
  );
}

/**
 * The order's fills: quantity, average price and fee (also valued in the quote currency), and
 * the quantity received net of a fee charged in the base asset (what the account now holds).
 */
export async function fillsOf(venue: AccountVenue, order: VenueOrder) {
  const fills = (
    await venue.call(() => venue.port.fills(order.symbol, Math.max(0, order.time - 1000)))
  ).filter((fill) => fill.orderId === order.id);
  if (fills.length === 0) return undefined;
  const [base] = pairOf(order.symbol);
  let quantity = 0;
  let value = 0;
  let fee = 0;
  let feeInQuote = 0;
  for (const fill of fills) {
    quantity += fill.quantity;
    value += fill.quantity * fill.price;
    fee += fill.fee;
    feeInQuote += fill.feeCurrency === base ? fill.fee * fill.price : fill.fee;
  }
  const baseFee = fills.reduce((sum, fill) => sum + (fill.feeCurrency === base ? fill.fee : 0), 0);
  return {
    quantity,
    /** A buy's base received after a fee in base; a sell's quantity as is (its fee is in quote). */
    held: order.side === 'BUY' ? quantity - baseFee : quantity,
    price: value / quantity,
    fee,
    feeCurrency: fills[0]?.feeCurrency ?? null,
    feeInQuote,
  };
}

/**
 * Places `order` on one account with `clientOrderId` (so a retry is recognised) and, for a
 * filled buy with a take-profit, the linked limit sell. A take-profit that fails leaves the
 * entry standing and says why.
 */
export async function placeOrder(
  venue: AccountVenue,
  order: TradeOrder,
  clientOrderId: string,
  now: () => Date,
): Promise<PlacedOrder> {
  const price =
    order.price ?? (await venue.call(() => venue.client.fetchTicker(order.symbol))).last;
  const { quantity, step } = await sizeOrder(venue, order, price);
  const placed = await venue.call(() =>
    venue.port.submitOrder({
      symbol: order.symbol,
      side: order.side === 'buy' ? 'BUY' : 'SELL',
      type: order.orderType,
      quantity,
      ...(order.orderType === 'limit' && { price }),
      clientOrderId,
    }),
  );
  const fills = placed.filled > 0 ? await fillsOf(venue, placed) : undefined;
  const filled = fills?.quantity ?? placed.filled;
  const held = fills?.held ?? filled;
  let takeProfitOrderId: string | null = null;
  let takeProfitError: string | null = null;
  const takeProfitQuantity = roundDownToStep(held, step);
  if (order.takeProfit && order.side === 'buy' && takeProfitQuantity > 0) {
    try {
      const takeProfit = await venue.call(() =>
        venue.port.submitOrder({
          symbol: order.symbol,
          side: 'SELL',
          type: 'limit',
          quantity: takeProfitQuantity,
          price: order.takeProfit,
          clientOrderId: `${clientOrderId}-tp`,
        }),
      );
      takeProfitOrderId = takeProfit.id;
    } catch (error) {
      takeProfitError = `take-profit not placed: ${reasonOf(error)}`;
    }
  }
  return {
    status: placed.status === 'closed' || filled >= quantity ? 'filled' : 'open',
    orderId: placed.id,
    quantity,
    filled,
    held,
    price: fills?.price ?? placed.price ?? (order.orderType === 'limit' ? price : null),
    fee: fills?.fee ?? null,
    feeCurrency: fills?.feeCurrency ?? null,
    feeInQuote: fills?.feeInQuote ?? 0,
    time: now(),
    takeProfitOrderId,
    takeProfitError,
  };
}
