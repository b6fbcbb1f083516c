/** Which way an order trades. */
export type OrderSide = 'BUY' | 'SELL';

/** A market order as the broker accepted it; it fills at the symbol's next bar open. */
export type MarketOrder = {
  /** Sequential per broker, from 1, so runs are reproducible. */
  readonly id: number;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: number;
  /** Time (epoch ms) of the bar on whose close the order was submitted; NaN before any bar. */
  readonly submittedAt: number;
};

/**
 * Why an order could not fill. Long-only: a sell larger than the position is refused; on an
 * exchange market an order below its minimum quantity or notional is refused too.
 */
export type RejectionReason =
  | 'INSUFFICIENT_FUNDS'
  | 'INSUFFICIENT_POSITION'
  | 'BELOW_MINIMUM'
  /** A live account's limit (max order notional, max open exposure) refused it before sending. */
  | 'LIMIT_EXCEEDED'
  /** The exchange refused it (its filters, its balance). */
  | 'EXCHANGE_REJECTED';

/** An order the broker refused when it came to fill, with a human-readable reason. */
export type OrderRejection = {
  readonly order: MarketOrder;
  /** Time of the bar at whose open the fill was attempted. */
  readonly time: number;
  readonly reason: RejectionReason;
  readonly message: string;
};
