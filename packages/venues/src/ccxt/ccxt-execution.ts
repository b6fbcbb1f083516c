import type {
  ExecutionPort,
  OrderSide,
  VenueBalance,
  VenueFill,
  VenueOrder,
} from '@tradewind/engine';
import ccxt, { type Order, type Trade } from 'ccxt';
import type { ExchangeCredentials } from '../venue-types.ts';
import { balanceRows } from './ccxt-balances.ts';
import { callerFor, type SharedExchange } from './ccxt-call.ts';

const side = (value: string | undefined): OrderSide => (value === 'sell' ? 'SELL' : 'BUY');

const STATUS: Record<string, VenueOrder['status']> = {
  open: 'open',
  closed: 'closed',
  canceled: 'canceled',
  expired: 'expired',
  rejected: 'rejected',
};

function toVenueOrder(order: Order): VenueOrder {
  return {
    id: String(order.id),
    ...(order.clientOrderId ? { clientOrderId: order.clientOrderId } : {}),
    symbol: String(order.symbol),
    side: side(order.side),
    type: order.type === 'limit' ? 'limit' : 'market',
    status: STATUS[order.status ?? 'open'] ?? 'open',
    quantity: Number(order.amount ?? 0),
    filled: Number(order.filled ?? 0),
    ...(order.price ? { price: Number(order.price) } : {}),
    time: Number(order.timestamp ?? 0),
  };
}

function toVenueFill(trade: Trade): VenueFill {
  return {
    id: String(trade.id),
    orderId: String(trade.order ?? ''),
    symbol: String(trade.symbol),
    side: side(trade.side),
    quantity: Number(trade.amount ?? 0),
    price: Number(trade.price ?? 0),
    fee: Number(trade.fee?.cost ?? 0),
    feeCurrency: String(trade.fee?.currency ?? ''),
    time: Number(trade.timestamp ?? 0),
  };
}

/**
 * An exchange account as an execution port, through ccxt's unified order API (createOrder,
 * cancelOrder, fetchOpenOrders, fetchMyTrades, fetchBalance). Live trading plugs in here; every
 * failure leaves as a DomainError (an order the exchange's filters refuse: VALIDATION_ERROR
 * naming `order`; not enough balance: INSUFFICIENT_FUNDS; unreachable: PROVIDER_ERROR).
 */
export function createCcxtExecution(
  shared: SharedExchange,
  credentials: ExchangeCredentials,
): ExecutionPort {
  const { exchange } = shared;
  const call = callerFor(shared, credentials);
  return {
    venue: exchange.id,
    async submitOrder(request) {
      const params = request.clientOrderId ? { clientOrderId: request.clientOrderId } : {};
      const order = await call(async () => {
        try {
          return await exchange.createOrder(
            request.symbol,
            request.type,
            request.side === 'BUY' ? 'buy' : 'sell',
            request.quantity,
            request.price,
            params,
          );
        } catch (error) {
          // Binance answers a filter failure (LOT_SIZE, NOTIONAL) as a bad request: on an order,
          // that is the order's fault, not the exchange's.
          if (error instanceof ccxt.BadRequest && !(error instanceof ccxt.BadSymbol)) {
            throw new ccxt.InvalidOrder(error.message);
          }
          throw error;
        }
      });
      return toVenueOrder(order);
    },
    cancelOrder: (symbol, orderId) =>
      call(async () => {
        try {
          await exchange.cancelOrder(orderId, symbol);
          return true;
        } catch (error) {
          // Already filled or cancelled: nothing left to cancel.
          if (error instanceof ccxt.OrderNotFound) return false;
          throw error;
        }
      }),
    openOrders: async (symbol) =>
      (await call(() => exchange.fetchOpenOrders(symbol))).map(toVenueOrder),
    findOrder: (symbol, clientOrderId) =>
      call(async () => {
        try {
          // Binance looks an order up by `origClientOrderId`; ccxt passes it through.
          return toVenueOrder(
            await exchange.fetchOrder('', symbol, { origClientOrderId: clientOrderId }),
          );
        } catch (error) {
          if (error instanceof ccxt.OrderNotFound) return undefined;
          throw error;
        }
      }),
    fills: async (symbol, since) =>
      (await call(() => exchange.fetchMyTrades(symbol, since))).map(toVenueFill),
    balances: async (): Promise<VenueBalance[]> =>
      balanceRows(await call(() => exchange.fetchBalance())),
  };
}
