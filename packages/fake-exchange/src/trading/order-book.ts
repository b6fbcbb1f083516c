import { randomUUID } from 'node:crypto';
import { BinanceError } from '../binance/binance-error.ts';
import type { ListedSymbol } from '../listed-symbol.ts';
import { roundTo } from '../market/round-to.ts';
import { type Account, balanceOf } from './account.ts';
import { checkFilters } from './filters.ts';
import {
  isOpen,
  type Order,
  type OrderType,
  type Side,
  type TimeInForce,
  type Trade,
} from './order.ts';

export type NewOrder = {
  readonly listed: ListedSymbol;
  readonly side: Side;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly quantity?: number;
  readonly quoteOrderQty?: number;
  readonly price?: number;
  readonly clientOrderId?: string;
};

export type OrderReference = { readonly orderId?: number; readonly clientOrderId?: string };

const rejected = (message: string) => new BinanceError(400, -2010, message);

/** Rounds away float dust (Binance keeps eight decimals). */
const exact = (value: number) => Number(value.toFixed(8));

function floorTo(value: number, increment: number): number {
  return roundTo(Math.floor(value / increment + 1e-9) * increment, increment);
}

/**
 * Orders, fills and their effect on balances. Market orders and marketable limit orders fill at
 * once at the current price (taker); other limit orders rest, with their cost locked, and fill
 * at their limit price (maker) once the market price reaches it, checked before every signed
 * request. Commission (`feeRate`) is charged in the asset received. A partial-fill fault fills
 * a share now; a limit order then holds the rest open until canceled, a market order expires.
 */
export class OrderBook {
  readonly #orders: Order[] = [];
  readonly #trades: Trade[] = [];
  #nextOrderId = 1;
  #nextTradeId = 1;

  constructor(
    private readonly accounts: ReadonlyMap<string, Account>,
    private readonly symbols: ReadonlyMap<string, ListedSymbol>,
    private readonly feeRate: number,
  ) {}

  /** Places an order; `fillFraction` below 1 fills only that share now (a partial fill). */
  place(
    account: Account,
    input: NewOrder,
    now: number,
    fillFraction = 1,
  ): { order: Order; fills: Trade[] } {
    const { config, market } = input.listed;
    const marketPrice = market.price(now);
    const limit = input.type === 'LIMIT';
    const quantity =
      input.quantity ?? floorTo((input.quoteOrderQty ?? 0) / marketPrice, config.stepSize);
    const price = limit ? (input.price ?? 0) : marketPrice;
    const { balance, needed } = this.#admit(account, input, quantity, price);
    const order = this.#record(account, input, quantity, now, fillFraction < 1);
    if (limit) {
      balance.free = exact(balance.free - needed);
      balance.locked = exact(balance.locked + needed);
    }
    const fills: Trade[] = [];
    const marketable =
      !limit || (input.side === 'BUY' ? price >= marketPrice : price <= marketPrice);
    const fillQuantity =
      fillFraction < 1 ? floorTo(quantity * fillFraction, config.stepSize) : quantity;
    const allOrNothing = input.timeInForce === 'FOK' && fillQuantity < quantity;
    if (marketable && fillQuantity > 0 && !allOrNothing) {
      fills.push(this.#fill(account, order, fillQuantity, marketPrice, false, now));
    }
    // Market, IOC and FOK orders never rest: what did not fill expires.
    if (isOpen(order) && (!limit || input.timeInForce !== 'GTC')) {
      this.#close(account, order, 'EXPIRED', now);
    }
    account.updateTime = now;
    return { order, fills };
  }

  find(account: Account, symbol: string, reference: OrderReference): Order | undefined {
    return this.#orders.find(
      (order) =>
        order.apiKey === account.apiKey &&
        order.symbol === symbol &&
        (reference.orderId === undefined || order.orderId === reference.orderId) &&
        (reference.clientOrderId === undefined || order.clientOrderId === reference.clientOrderId),
    );
  }

  /** Cancels an open order and unlocks what it held; undefined when there is no such open order. */
  cancel(
    account: Account,
    symbol: string,
    reference: OrderReference,
    now: number,
  ): Order | undefined {
    const order = this.find(account, symbol, reference);
    if (order === undefined || !isOpen(order)) return undefined;
    this.#close(account, order, 'CANCELED', now);
    account.updateTime = now;
    return order;
  }

  open(account: Account, symbol?: string): Order[] {
    return this.all(account, symbol).filter(isOpen);
  }

  all(account: Account, symbol?: string): Order[] {
    return this.#orders.filter(
      (order) =>
        order.apiKey === account.apiKey && (symbol === undefined || order.symbol === symbol),
    );
  }

  trades(account: Account, symbol: string): Trade[] {
    return this.#trades.filter(
      (trade) => trade.apiKey === account.apiKey && trade.symbol === symbol,
    );
  }

  /** Fills every resting limit order whose price the market has reached, at its limit price. */
  match(now: number): void {
    for (const order of this.#orders) {
      if (!isOpen(order) || order.held) continue;
      const account = this.accounts.get(order.apiKey);
      const listed = this.symbols.get(order.symbol);
      if (account === undefined || listed === undefined) continue;
      const price = listed.market.price(now);
      if (order.side === 'BUY' ? price <= order.price : price >= order.price) {
        this.#fill(
          account,
          order,
          exact(order.quantity - order.executedQty),
          order.price,
          true,
          now,
        );
      }
    }
  }

  /** Binance's checks on a new order; returns the balance it draws on and how much. */
  #admit(account: Account, input: NewOrder, quantity: number, price: number) {
    const { config } = input.listed;
    checkFilters(config, quantity, price, input.type === 'LIMIT');
    if (!account.canTrade) throw rejected('This action is disabled on this account.');
    if (this.open(account).some((order) => order.clientOrderId === input.clientOrderId)) {
      throw rejected('Duplicate order sent.');
    }
    const buying = input.side === 'BUY';
    const balance = balanceOf(account, buying ? config.quoteAsset : config.baseAsset);
    const needed = buying ? quantity * price : quantity;
    if (balance.free + 1e-12 < needed) {
      throw rejected('Account has insufficient balance for requested action.');
    }
    return { balance, needed };
  }

  #record(account: Account, input: NewOrder, quantity: number, now: number, held: boolean): Order {
    const order: Order = {
      apiKey: account.apiKey,
      symbol: input.listed.config.symbol,
      orderId: this.#nextOrderId++,
      clientOrderId: input.clientOrderId ?? randomUUID().replaceAll('-', '').slice(0, 22),
      side: input.side,
      type: input.type,
      timeInForce: input.timeInForce,
      price: input.type === 'LIMIT' ? (input.price ?? 0) : 0,
      quantity,
      quoteOrderQty: input.quoteOrderQty ?? 0,
      time: now,
      executedQty: 0,
      cumulativeQuoteQty: 0,
      status: 'NEW',
      updateTime: now,
      held,
    };
    this.#orders.push(order);
    return order;
  }

  #fill(
    account: Account,
    order: Order,
    quantity: number,
    price: number,
    isMaker: boolean,
    now: number,
  ): Trade {
    const { config } = this.symbols.get(order.symbol) as ListedSymbol;
    const quote = balanceOf(account, config.quoteAsset);
    const base = balanceOf(account, config.baseAsset);
    const value = quantity * price;
    const limit = order.type === 'LIMIT';
    let commission: number;
    if (order.side === 'BUY') {
      if (limit) {
        // The lock was taken at the limit price; a better price gives the difference back.
        quote.locked = exact(quote.locked - quantity * order.price);
        quote.free = exact(quote.free + quantity * order.price - value);
      } else {
        quote.free = exact(quote.free - value);
      }
      commission = exact(quantity * this.feeRate);
      base.free = exact(base.free + quantity - commission);
    } else {
      if (limit) base.locked = exact(base.locked - quantity);
      else base.free = exact(base.free - quantity);
      commission = exact(value * this.feeRate);
      quote.free = exact(quote.free + value - commission);
    }
    order.executedQty = exact(order.executedQty + quantity);
    order.cumulativeQuoteQty = exact(order.cumulativeQuoteQty + value);
    order.status = order.executedQty >= order.quantity ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updateTime = now;
    const trade: Trade = {
      apiKey: account.apiKey,
      id: this.#nextTradeId++,
      symbol: order.symbol,
      orderId: order.orderId,
      side: order.side,
      price,
      qty: quantity,
      commission,
      commissionAsset: order.side === 'BUY' ? config.baseAsset : config.quoteAsset,
      time: now,
      isMaker,
    };
    this.#trades.push(trade);
    return trade;
  }

  /** Ends an open order (canceled or expired) and unlocks what its unfilled part held. */
  #close(account: Account, order: Order, status: 'CANCELED' | 'EXPIRED', now: number): void {
    if (order.type === 'LIMIT') {
      const { config } = this.symbols.get(order.symbol) as ListedSymbol;
      const remaining = order.quantity - order.executedQty;
      const held = order.side === 'BUY' ? remaining * order.price : remaining;
      const balance = balanceOf(
        account,
        order.side === 'BUY' ? config.quoteAsset : config.baseAsset,
      );
      balance.locked = exact(balance.locked - held);
      balance.free = exact(balance.free + held);
    }
    order.status = status;
    order.updateTime = now;
  }
}
