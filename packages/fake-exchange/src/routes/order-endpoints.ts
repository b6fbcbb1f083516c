import { BinanceError } from '../binance/binance-error.ts';
import type { Endpoint } from '../binance/endpoint.ts';
import { errors } from '../binance/errors.ts';
import { historyQuery, pickHistory } from '../binance/history-query.ts';
import { canceledView, newOrderView, orderView, tradeView } from '../binance/order-views.ts';
import type { Params } from '../binance/params.ts';
import type { OrderReference } from '../trading/order-book.ts';
import { requiredSymbol } from './selected-symbols.ts';

/** `orderId` or `origClientOrderId`, one of which Binance requires. */
function orderReference(params: Params): OrderReference {
  const orderId = params.integer('orderId');
  const clientOrderId = params.string('origClientOrderId');
  if (orderId === undefined && clientOrderId === undefined) {
    throw new BinanceError(
      400,
      -1102,
      "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
    );
  }
  return { orderId, clientOrderId };
}

export const newOrder: Endpoint = {
  method: 'POST',
  path: '/api/v3/order',
  weight: 1,
  security: 'signed',
  handle: ({ params, now, account }, exchange) => {
    const listed = requiredSymbol(exchange, params);
    const side = params.requiredChoice('side', ['BUY', 'SELL']);
    const type = params.requiredChoice('type', ['LIMIT', 'MARKET']);
    const limit = type === 'LIMIT';
    const quantity = params.decimal('quantity');
    const quoteOrderQty = limit ? undefined : params.decimal('quoteOrderQty');
    if (quantity === undefined && quoteOrderQty === undefined) {
      if (limit) throw errors.mandatory('quantity');
      throw new BinanceError(
        400,
        -1102,
        "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!",
      );
    }
    const timeInForce = params.choice('timeInForce', ['GTC', 'IOC', 'FOK']);
    if (limit && timeInForce === undefined) throw errors.mandatory('timeInForce');
    const price = limit ? params.decimal('price') : undefined;
    if (limit && price === undefined) throw errors.mandatory('price');
    const partial = exchange.faults.take(['partialFill'], 'POST', newOrder.path);
    const { order, fills } = exchange.orders.place(
      account,
      {
        listed,
        side,
        type,
        timeInForce: timeInForce ?? 'GTC',
        quantity,
        quoteOrderQty,
        price,
        clientOrderId: params.string('newClientOrderId'),
      },
      now,
      partial?.fraction,
    );
    const responseType = params.choice('newOrderRespType', ['ACK', 'RESULT', 'FULL']) ?? 'FULL';
    return newOrderView(order, fills, responseType);
  },
};

export const queryOrder: Endpoint = {
  method: 'GET',
  path: '/api/v3/order',
  weight: 4,
  security: 'signed',
  handle: ({ params, account }, exchange) => {
    const { config } = requiredSymbol(exchange, params);
    const order = exchange.orders.find(account, config.symbol, orderReference(params));
    if (order === undefined) throw new BinanceError(400, -2013, 'Order does not exist.');
    return orderView(order);
  },
};

const unknownOrder = () => new BinanceError(400, -2011, 'Unknown order sent.');

export const cancelOrder: Endpoint = {
  method: 'DELETE',
  path: '/api/v3/order',
  weight: 1,
  security: 'signed',
  handle: ({ params, now, account }, exchange) => {
    const { config } = requiredSymbol(exchange, params);
    const order = exchange.orders.cancel(account, config.symbol, orderReference(params), now);
    if (order === undefined) throw unknownOrder();
    return canceledView(order, now, params.string('newClientOrderId'));
  },
};

export const cancelOpenOrders: Endpoint = {
  method: 'DELETE',
  path: '/api/v3/openOrders',
  weight: 1,
  security: 'signed',
  handle: ({ params, now, account }, exchange) => {
    const { config } = requiredSymbol(exchange, params);
    const open = exchange.orders.open(account, config.symbol);
    if (open.length === 0) throw unknownOrder();
    for (const order of open) exchange.orders.cancel(account, config.symbol, order, now);
    return open.map((order) => canceledView(order, now));
  },
};

export const openOrders: Endpoint = {
  method: 'GET',
  path: '/api/v3/openOrders',
  weight: (params) => (params.string('symbol') === undefined ? 80 : 6),
  security: 'signed',
  handle: ({ params, account }, exchange) => {
    const symbol =
      params.string('symbol') === undefined
        ? undefined
        : requiredSymbol(exchange, params).config.symbol;
    return exchange.orders.open(account, symbol).map(orderView);
  },
};

export const allOrders: Endpoint = {
  method: 'GET',
  path: '/api/v3/allOrders',
  weight: 20,
  security: 'signed',
  handle: ({ params, account }, exchange) => {
    const { config } = requiredSymbol(exchange, params);
    const query = historyQuery(params, 'orderId');
    const orders = exchange.orders.all(account, config.symbol);
    return pickHistory(orders, query, (order) => order.orderId).map(orderView);
  },
};

export const myTrades: Endpoint = {
  method: 'GET',
  path: '/api/v3/myTrades',
  weight: 20,
  security: 'signed',
  handle: ({ params, account }, exchange) => {
    const { config } = requiredSymbol(exchange, params);
    const query = historyQuery(params, 'fromId');
    const orderId = params.integer('orderId');
    const trades = exchange.orders
      .trades(account, config.symbol)
      .filter((trade) => orderId === undefined || trade.orderId === orderId);
    return pickHistory(trades, query, (trade) => trade.id).map(tradeView);
  },
};
