import { DomainError } from '@tradewind/core';
import type {
  ExecutionPort,
  Fill,
  Instrument,
  MarketDataPort,
  MarketOrder,
  PaperBroker,
  VenueBalance,
  VenueFill,
  VenueOrder,
} from '@tradewind/engine';

/**
 * Paper trading as an execution port: the engine's paper broker (its fill model: next bar's
 * open, commission, the market's step and minimums) on whatever market data drives it. The
 * broker stays the synchronous in-loop venue a trading session calls on every bar; the port's
 * async methods read and steer the same state, as a live venue's would.
 */
export type PaperExecution = ExecutionPort & {
  /** The in-loop venue: the bot's session trades through it and bars fill its orders. */
  readonly broker: PaperBroker;
};

/** `BTC/USDT` -> `BTC`; a symbol without a quote (`AAPL`) is its own base. */
const baseOf = (symbol: string): string => symbol.split('/')[0] ?? symbol;

function toVenueOrder(order: MarketOrder): VenueOrder {
  return {
    id: String(order.id),
    symbol: order.symbol,
    side: order.side,
    type: 'market',
    status: 'open',
    quantity: order.quantity,
    filled: 0,
    time: order.submittedAt,
  };
}

function toVenueFill(fill: Fill, index: number, cashCurrency: string): VenueFill {
  return {
    id: String(index + 1),
    orderId: String(fill.orderId),
    symbol: fill.symbol,
    side: fill.side,
    quantity: fill.quantity,
    price: fill.price,
    fee: fill.fee,
    feeCurrency: cashCurrency,
    time: fill.time,
  };
}

/**
 * The paper execution port of `venue` over `broker`. Cash is held in `cashCurrency` (the quote
 * currency of the bot's markets); positions are balances of each symbol's base currency.
 */
export function paperExecution(
  venue: string,
  broker: PaperBroker,
  cashCurrency = 'USD',
): PaperExecution {
  return {
    venue,
    broker,
    async submitOrder(request) {
      if (request.type !== 'market') {
        throw new DomainError('VALIDATION_ERROR', 'type: paper trading fills market orders only', {
          field: 'type',
        });
      }
      return toVenueOrder(broker.submitMarketOrder(request.symbol, request.side, request.quantity));
    },
    cancelOrder: async (_symbol, orderId) => broker.cancelOrder(Number(orderId)),
    openOrders: async (symbol) => broker.pendingOrders(symbol).map(toVenueOrder),
    // Paper orders carry no client id: a retried paper submit cannot be lost on the way.
    findOrder: async () => undefined,
    fills: async (symbol, since = Number.NEGATIVE_INFINITY) =>
      broker.fills
        .map((fill, index) => toVenueFill(fill, index, cashCurrency))
        .filter((fill) => fill.symbol === symbol && fill.time >= since),
    async balances(): Promise<VenueBalance[]> {
      const cash = broker.cash();
      const rows = [{ currency: cashCurrency, free: cash, used: 0, total: cash }];
      for (const position of broker.openPositions()) {
        const quantity = position.quantity;
        rows.push({ currency: baseOf(position.symbol), free: quantity, used: 0, total: quantity });
      }
      return rows;
    },
  };
}

/** The trading rules of each symbol that has them on `marketData` (none on the simulator). */
export async function instrumentsOf(
  marketData: MarketDataPort,
  symbols: readonly string[],
): Promise<Record<string, Instrument>> {
  const instruments: Record<string, Instrument> = {};
  for (const symbol of symbols) {
    const instrument = await marketData.instrument(symbol);
    if (instrument !== undefined) instruments[symbol] = instrument;
  }
  return instruments;
}
