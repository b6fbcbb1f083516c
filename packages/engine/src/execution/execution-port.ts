import type { OrderSide } from './order.ts';

/** An order as a venue is asked to place it. `price` only for limit orders. */
export type OrderRequest = {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: 'market' | 'limit';
  readonly quantity: number;
  readonly price?: number;
  /** The caller's id for the order, so a retried submit is recognised (idempotency). */
  readonly clientOrderId?: string;
};

/** An order as the venue reports it. */
export type VenueOrder = {
  readonly id: string;
  readonly clientOrderId?: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: 'market' | 'limit';
  readonly status: 'open' | 'closed' | 'canceled' | 'expired' | 'rejected';
  readonly quantity: number;
  readonly filled: number;
  readonly price?: number;
  /** Epoch ms the venue accepted it. */
  readonly time: number;
};

/** One execution as the venue reports it (an order may fill in several). */
export type VenueFill = {
  readonly id: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
  readonly fee: number;
  /** The currency the fee was charged in. */
  readonly feeCurrency: string;
  readonly time: number;
};

/** One currency of the account: free to trade, held by open orders, and their sum. */
export type VenueBalance = {
  readonly currency: string;
  readonly free: number;
  readonly used: number;
  readonly total: number;
};

/**
 * Where orders go: the paper broker (simulated fills on a market-data port's bars) or an
 * exchange account (ccxt). Async because a real venue answers over the network; failures reject
 * with a DomainError (`PROVIDER_ERROR` when unreachable, `VALIDATION_ERROR` for an order the
 * venue refuses, `INSUFFICIENT_FUNDS`). Backtests do not go through this port: they drive the
 * synchronous `ExecutionVenue` (broker.ts) in-loop, which the paper implementation wraps.
 */
export type ExecutionPort = {
  readonly venue: string;
  submitOrder(request: OrderRequest): Promise<VenueOrder>;
  /** Cancels an open order; resolves false when it was no longer open. */
  cancelOrder(symbol: string, orderId: string): Promise<boolean>;
  openOrders(symbol?: string): Promise<VenueOrder[]>;
  /**
   * The order placed with `clientOrderId`, or undefined when the venue has none: how a submit
   * whose answer was lost (a timeout, a crash) is found instead of being placed again.
   */
  findOrder(symbol: string, clientOrderId: string): Promise<VenueOrder | undefined>;
  /** Executions of `symbol` at or after `since` (epoch ms), oldest first. */
  fills(symbol: string, since?: number): Promise<VenueFill[]>;
  balances(): Promise<VenueBalance[]>;
};
