export type Side = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'MARKET';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';

/** An order as the exchange keeps it (mutable while it works). */
export type Order = {
  readonly apiKey: string;
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** Limit price; 0 for market orders. */
  readonly price: number;
  readonly quantity: number;
  /** Quote amount a market order was sized by (`quoteOrderQty`), else 0. */
  readonly quoteOrderQty: number;
  readonly time: number;
  executedQty: number;
  cumulativeQuoteQty: number;
  status: OrderStatus;
  updateTime: number;
  /** Set by a partial-fill fault: the rest stays open, unmatched, until canceled. */
  held: boolean;
};

/** A fill, as `myTrades` reports it. */
export type Trade = {
  readonly apiKey: string;
  readonly id: number;
  readonly symbol: string;
  readonly orderId: number;
  readonly side: Side;
  readonly price: number;
  readonly qty: number;
  readonly commission: number;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isMaker: boolean;
};

export function isOpen(order: Order): boolean {
  return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
}
