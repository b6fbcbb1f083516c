import type { Order, Trade } from '../trading/order.ts';
import { decimal } from './format.ts';

/** An order as GET /api/v3/order and openOrders answer it. */
export function orderView(order: Order) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    price: decimal(order.price),
    origQty: decimal(order.quantity),
    executedQty: decimal(order.executedQty),
    cummulativeQuoteQty: decimal(order.cumulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    stopPrice: decimal(0),
    icebergQty: decimal(0),
    time: order.time,
    updateTime: order.updateTime,
    isWorking: true,
    workingTime: order.time,
    origQuoteOrderQty: decimal(order.quoteOrderQty),
    selfTradePreventionMode: 'NONE',
  };
}

export type ResponseType = 'ACK' | 'RESULT' | 'FULL';

/** The answer to a new order, in Binance's ACK, RESULT or FULL shape. */
export function newOrderView(order: Order, fills: readonly Trade[], responseType: ResponseType) {
  const ack = {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    transactTime: order.time,
  };
  if (responseType === 'ACK') return ack;
  const { time, updateTime, stopPrice, icebergQty, isWorking, ...result } = orderView(order);
  if (responseType === 'RESULT') return { ...ack, ...result };
  return {
    ...ack,
    ...result,
    fills: fills.map((fill) => ({
      price: decimal(fill.price),
      qty: decimal(fill.qty),
      commission: decimal(fill.commission),
      commissionAsset: fill.commissionAsset,
      tradeId: fill.id,
    })),
  };
}

/** The answer to a cancel: the order as it ends, under a new client order id. */
export function canceledView(order: Order, now: number, newClientOrderId?: string) {
  const { time, updateTime, stopPrice, icebergQty, isWorking, workingTime, ...view } =
    orderView(order);
  return {
    ...view,
    origClientOrderId: order.clientOrderId,
    clientOrderId: newClientOrderId ?? `cancel-${order.orderId}`,
    transactTime: now,
  };
}

/** A fill as myTrades answers it. */
export function tradeView(trade: Trade) {
  return {
    symbol: trade.symbol,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: -1,
    price: decimal(trade.price),
    qty: decimal(trade.qty),
    quoteQty: decimal(trade.price * trade.qty),
    commission: decimal(trade.commission),
    commissionAsset: trade.commissionAsset,
    time: trade.time,
    isBuyer: trade.side === 'BUY',
    isMaker: trade.isMaker,
    isBestMatch: true,
  };
}
