import type { Bar } from '../data/bar.ts';
import type { Fill } from './fill.ts';
import type { MarketOrder, OrderRejection, OrderSide } from './order.ts';
import type { Position } from './position.ts';

/** The rates a broker charges, as fractions (0.001 = 0.1 %). */
export type CostModel = {
  /** Commission as a fraction of notional on every fill. */
  readonly commissionRate: number;
  /** Slippage as a fraction of price, always against the trade. */
  readonly slippageRate: number;
};

/**
 * The execution port a strategy trades through. Paper, backtest and (later) live are
 * implementations; strategies never ask which one they have.
 */
export type Broker = {
  readonly costModel: CostModel;
  /**
   * Queues a market order; it fills at the symbol's next bar open, or is rejected then.
   * @throws DomainError `VALIDATION_ERROR` for a quantity that is not a positive finite number.
   */
  submitMarketOrder(symbol: string, side: OrderSide, quantity: number): MarketOrder;
  /** Signed quantity held (long-only today, so never negative). */
  positionQuantity(symbol: string): number;
  /** A snapshot of one position (allocates; use `positionQuantity` in hot paths). */
  position(symbol: string): Position;
  /** True while an order for the symbol waits for its fill. */
  hasPendingOrder(symbol: string): boolean;
  cash(): number;
  /** Cash plus every position marked at its last close. */
  equity(): number;
};

/** Hears about fills and rejections as they happen (for persistence, events, strategies). */
export type BrokerListener = {
  onFill?(fill: Fill): void;
  onRejection?(rejection: OrderRejection): void;
};

/**
 * A broker that also learns about bars: where simulated orders fill. The trading session calls
 * `processBar` before the strategy sees the bar, so orders placed on the previous close fill at
 * this bar's open.
 */
export type ExecutionVenue = Broker & {
  processBar(symbol: string, bar: Bar): void;
  /** Drops the symbol's unfilled orders; returns how many. */
  cancelPendingOrders(symbol: string): number;
  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: BrokerListener): () => void;
};
