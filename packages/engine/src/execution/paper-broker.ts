import { DomainError } from '@tradewind/core';
import type { Bar } from '../data/bar.ts';
import type { BrokerListener, CostModel, ExecutionVenue } from './broker.ts';
import type { Fill } from './fill.ts';
import { type Instrument, minimumProblem, roundDownToStep } from './instrument.ts';
import type { MarketOrder, OrderRejection, OrderSide, RejectionReason } from './order.ts';
import type { Position } from './position.ts';
import { validateNumber } from './validate-number.ts';

/** How a paper broker starts. Rates are fractions: 0.001 = 0.1 %. */
export type PaperBrokerOptions = {
  readonly initialCash: number;
  /** Commission as a fraction of notional, on every fill. Default 0. */
  readonly commissionRate?: number;
  /** Slippage as a fraction of the open price, against the trade. Default 0. */
  readonly slippageRate?: number;
  /**
   * Trading rules per symbol (an exchange market's step and minimums). A symbol without one
   * trades any positive quantity, as the simulator and CSV markets do.
   */
  readonly instruments?: Readonly<Record<string, Instrument>>;
};

// Messages show 10 significant digits: enough to check by hand, free of float noise.
const shown = (value: number): string => String(Number(value.toPrecision(10)));

// Built outside `processBar` so the hot method stays small enough for V8 to inline.
function outOfOrder(symbol: string, time: number, previous: number): DomainError {
  return new DomainError(
    'VALIDATION_ERROR',
    `bar for ${symbol} at ${time} is not after the previous bar at ${previous}`,
    { field: 'bars', symbol },
  );
}

// Mutable per-symbol state, kept in one object so the hot path does one map lookup per bar.
class SymbolBook {
  quantity = 0;
  averagePrice = 0;
  costBasis = 0;
  lastPrice = Number.NaN;
  lastTime = Number.NEGATIVE_INFINITY;
  readonly pending: MarketOrder[] = [];
  constructor(
    readonly symbol: string,
    readonly instrument?: Instrument,
  ) {}
}

/**
 * The simulated venue of the execution model (shared/DESIGN.md), used by backtests and paper bots.
 *
 * - Market orders submitted on a bar's close fill at the symbol's next bar open.
 * - Fill price: `open * (1 + slippage)` for buys, `open * (1 - slippage)` for sells.
 * - Fee: `commissionRate * quantity * price` on every fill, deducted from cash.
 * - A buy whose `quantity * price + fee` exceeds cash is rejected (`INSUFFICIENT_FUNDS`), never
 *   leaving cash negative. Long-only: a sell above the held quantity is rejected
 *   (`INSUFFICIENT_POSITION`); shorting would need margin rules this broker does not model.
 * - On a symbol with an {@link Instrument} (an exchange market): order quantities are rounded
 *   down to its step when submitted, and an order whose quantity or notional at the fill price is
 *   below its minimums is rejected (`BELOW_MINIMUM`) instead of filling, never filled as zero.
 * - Realised PnL on an average-cost basis, entry fees included in the cost basis.
 * - Equity: cash plus each position marked at its last close.
 *
 * Rounding: none. Everything is float64 so a million-bar backtest stays fast; the database layer
 * rounds to its Decimal scale when it stores fills and cash.
 */
export class PaperBroker implements ExecutionVenue {
  readonly costModel: CostModel;
  readonly initialCash: number;
  /** Every fill, in order. */
  readonly fills: Fill[] = [];
  /** Every rejected order, in order. */
  readonly rejections: OrderRejection[] = [];
  #cash: number;
  #nextOrderId = 1;
  #books = new Map<string, SymbolBook>();
  #bookList: SymbolBook[] = [];
  // The last book looked up: consecutive calls for one symbol skip the map (hot path).
  #lastBook: SymbolBook | undefined;
  #listeners: BrokerListener[] = [];
  readonly #instruments: Readonly<Record<string, Instrument>> | undefined;

  constructor(options: PaperBrokerOptions) {
    this.initialCash = validateNumber('initialCash', options.initialCash, {
      minimum: 0,
      exclusiveMinimum: true,
    });
    this.costModel = {
      commissionRate: validateNumber('commission', options.commissionRate ?? 0, {
        minimum: 0,
        maximum: 1,
      }),
      slippageRate: validateNumber('slippage', options.slippageRate ?? 0, {
        minimum: 0,
        maximum: 1,
      }),
    };
    this.#cash = options.initialCash;
    this.#instruments = options.instruments;
  }

  submitMarketOrder(symbol: string, side: OrderSide, quantity: number): MarketOrder {
    if (!(quantity > 0) || !Number.isFinite(quantity)) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `order quantity must be a positive number (got ${quantity})`,
        { field: 'quantity' },
      );
    }
    const book = this.#book(symbol);
    const step = book.instrument?.quantityStep;
    const order: MarketOrder = {
      id: this.#nextOrderId++,
      symbol,
      side,
      quantity: step === undefined ? quantity : roundDownToStep(quantity, step),
      submittedAt: Number.isFinite(book.lastTime) ? book.lastTime : Number.NaN,
    };
    book.pending.push(order);
    return order;
  }

  processBar(symbol: string, bar: Bar): void {
    const book = this.#book(symbol);
    if (!(bar.time > book.lastTime)) throw outOfOrder(symbol, bar.time, book.lastTime);
    book.lastTime = bar.time;
    if (book.pending.length > 0) this.#fillPending(book, bar);
    book.lastPrice = bar.close;
  }

  cancelPendingOrders(symbol: string): number {
    const book = this.#books.get(symbol);
    if (book === undefined) return 0;
    const count = book.pending.length;
    book.pending.length = 0;
    return count;
  }

  subscribe(listener: BrokerListener): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((candidate) => candidate !== listener);
    };
  }

  positionQuantity(symbol: string): number {
    const last = this.#lastBook;
    if (last !== undefined && last.symbol === symbol) return last.quantity;
    return this.#books.get(symbol)?.quantity ?? 0;
  }

  position(symbol: string): Position {
    const book = this.#books.get(symbol) ?? new SymbolBook(symbol);
    const marketValue = book.quantity === 0 ? 0 : book.quantity * book.lastPrice;
    return {
      symbol,
      quantity: book.quantity,
      averagePrice: book.averagePrice,
      costBasis: book.costBasis,
      lastPrice: book.lastPrice,
      marketValue,
      unrealizedPnl: marketValue - book.costBasis,
    };
  }

  /** The orders waiting for their fill (of one symbol, or all), oldest first. */
  pendingOrders(symbol?: string): MarketOrder[] {
    const books = symbol === undefined ? this.#bookList : [this.#books.get(symbol)];
    return books.flatMap((book) => book?.pending ?? []);
  }

  /** Drops one unfilled order; returns whether it was still pending. */
  cancelOrder(orderId: number): boolean {
    for (const book of this.#bookList) {
      const index = book.pending.findIndex((order) => order.id === orderId);
      if (index >= 0) {
        book.pending.splice(index, 1);
        return true;
      }
    }
    return false;
  }

  /** Snapshots of every open position, in the order symbols were first seen. */
  openPositions(): Position[] {
    return this.#bookList.filter((book) => book.quantity !== 0).map((b) => this.position(b.symbol));
  }

  hasPendingOrder(symbol: string): boolean {
    const last = this.#lastBook;
    const book = last !== undefined && last.symbol === symbol ? last : this.#books.get(symbol);
    return book !== undefined && book.pending.length > 0;
  }

  cash(): number {
    return this.#cash;
  }

  /**
   * Moves cash into (positive) or out of (negative) the account outside trading, as an ensemble
   * does when it rebalances between its members' accounts. Not a fill: no fee, no ledger entry.
   * @throws DomainError `VALIDATION_ERROR` when it would leave cash below zero.
   */
  transferCash(amount: number): void {
    if (!Number.isFinite(amount) || this.#cash + amount < 0) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `cannot move ${shown(amount)} when cash is ${shown(this.#cash)}`,
        { field: 'amount' },
      );
    }
    this.#cash += amount;
  }

  equity(): number {
    let equity = this.#cash;
    const books = this.#bookList;
    for (let i = 0; i < books.length; i++) {
      const book = books[i] as SymbolBook;
      if (book.quantity !== 0) equity += book.quantity * book.lastPrice;
    }
    return equity;
  }

  /**
   * Fills an order now at `price` (no slippage; commission as usual), outside the bar flow: an
   * operator's force-enter/exit, closing positions when a bot stops, and rebuilding a persisted
   * ledger fill by fill after a restart. Returns the fill, or the rejection for a buy cash cannot
   * cover or a sell above the position. `fee`: the fee in cash the venue charged (an exchange's
   * fill), instead of the commission rate's.
   */
  executeAt(
    symbol: string,
    side: OrderSide,
    quantity: number,
    price: number,
    time: number,
    fee?: number,
  ): Fill | OrderRejection {
    if (!(quantity > 0) || !Number.isFinite(quantity) || !(price > 0)) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `quantity and price must be positive numbers (got ${quantity} at ${price})`,
        { field: 'quantity' },
      );
    }
    const book = this.#book(symbol);
    const order: MarketOrder = {
      id: this.#nextOrderId++,
      symbol,
      side,
      quantity,
      submittedAt: time,
    };
    const before = this.fills.length;
    const rejectedBefore = this.rejections.length;
    if (side === 'BUY') this.#buyAt(book, order, price, time, fee);
    else this.#sellAt(book, order, price, time, fee);
    if (Number.isNaN(book.lastPrice)) book.lastPrice = price;
    return this.fills.length > before
      ? (this.fills[before] as Fill)
      : (this.rejections[rejectedBefore] as OrderRejection);
  }

  #book(symbol: string): SymbolBook {
    const last = this.#lastBook;
    return last !== undefined && last.symbol === symbol ? last : this.#switchBook(symbol);
  }

  // The rare path of `#book`, apart so the hot path inlines small.
  #switchBook(symbol: string): SymbolBook {
    let book = this.#books.get(symbol);
    if (book === undefined) {
      book = new SymbolBook(symbol, this.#instruments?.[symbol]);
      this.#books.set(symbol, book);
      this.#bookList.push(book);
    }
    this.#lastBook = book;
    return book;
  }

  #fillPending(book: SymbolBook, bar: Bar): void {
    const pending = book.pending;
    // Only orders queued before this bar fill now; orders a listener adds meanwhile wait a bar.
    const count = pending.length;
    for (let i = 0; i < count; i++) {
      const order = pending[i] as MarketOrder;
      if (order.side === 'BUY') this.#buy(book, order, bar);
      else this.#sell(book, order, bar);
    }
    if (pending.length === count) pending.length = 0;
    else pending.splice(0, count);
  }

  #buy(book: SymbolBook, order: MarketOrder, bar: Bar): void {
    const price = bar.open * (1 + this.costModel.slippageRate);
    if (book.instrument === undefined || this.#meetsMinimums(book.instrument, order, price, bar)) {
      this.#buyAt(book, order, price, bar.time);
    }
  }

  // Exchange minimums apply to orders filling on bars; `executeAt` (operators, stops, ledger
  // replay) trades what it is told.
  #meetsMinimums(instrument: Instrument, order: MarketOrder, price: number, bar: Bar): boolean {
    const problem = minimumProblem(instrument, order.quantity, price);
    if (problem === undefined) return true;
    const message = `${order.side.toLowerCase()} ${order.quantity} ${order.symbol} at ${shown(price)}: ${problem}`;
    this.#reject(order, bar.time, 'BELOW_MINIMUM', message);
    return false;
  }

  #buyAt(
    book: SymbolBook,
    order: MarketOrder,
    price: number,
    time: number,
    charged?: number,
  ): void {
    const notional = order.quantity * price;
    const fee = charged ?? this.costModel.commissionRate * notional;
    const cost = notional + fee;
    if (cost > this.#cash) {
      const message = `buy ${order.quantity} ${order.symbol} at ${shown(price)} needs ${shown(cost)} (fee ${shown(fee)} included) but cash is ${shown(this.#cash)}`;
      this.#reject(order, time, 'INSUFFICIENT_FUNDS', message);
      return;
    }
    const quantity = book.quantity + order.quantity;
    book.averagePrice = (book.averagePrice * book.quantity + notional) / quantity;
    book.quantity = quantity;
    book.costBasis += cost;
    this.#cash -= cost;
    this.#record(order, time, price, fee, 0, quantity);
  }

  #sell(book: SymbolBook, order: MarketOrder, bar: Bar): void {
    const price = bar.open * (1 - this.costModel.slippageRate);
    if (book.instrument === undefined || this.#meetsMinimums(book.instrument, order, price, bar)) {
      this.#sellAt(book, order, price, bar.time);
    }
  }

  #sellAt(
    book: SymbolBook,
    order: MarketOrder,
    price: number,
    time: number,
    charged?: number,
  ): void {
    if (order.quantity > book.quantity) {
      const message = `sell ${order.quantity} ${order.symbol} exceeds the ${book.quantity} held (shorting is not supported)`;
      this.#reject(order, time, 'INSUFFICIENT_POSITION', message);
      return;
    }
    const notional = order.quantity * price;
    const fee = charged ?? this.costModel.commissionRate * notional;
    // Average cost: the sold fraction takes the same fraction of the cost basis.
    const closedCost =
      order.quantity === book.quantity
        ? book.costBasis
        : book.costBasis * (order.quantity / book.quantity);
    const realizedPnl = notional - fee - closedCost;
    book.quantity -= order.quantity;
    book.costBasis -= closedCost;
    if (book.quantity === 0) {
      book.costBasis = 0;
      book.averagePrice = 0;
    }
    this.#cash += notional - fee;
    this.#record(order, time, price, fee, realizedPnl, book.quantity);
  }

  #record(
    order: MarketOrder,
    time: number,
    price: number,
    fee: number,
    realizedPnl: number,
    positionAfter: number,
  ): void {
    const fill: Fill = {
      orderId: order.id,
      symbol: order.symbol,
      side: order.side,
      quantity: order.quantity,
      price,
      fee,
      realizedPnl,
      time,
      positionAfter,
      cashAfter: this.#cash,
    };
    this.fills.push(fill);
    const listeners = this.#listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]?.onFill?.(fill);
  }

  #reject(order: MarketOrder, time: number, reason: RejectionReason, message: string): void {
    const rejection: OrderRejection = { order, time, reason, message };
    this.rejections.push(rejection);
    for (const listener of this.#listeners) listener.onRejection?.(rejection);
  }
}
