import {
  type Bar,
  type Fill,
  type MarketOrder,
  type OrderRejection,
  type OrderSide,
  PaperBroker,
  type PaperBrokerOptions,
} from '@tradewind/engine';

/** An order a LIVE bot's strategy or risk rule asked for on a bar, to send to the exchange. */
export type LiveIntent = { order: MarketOrder; reason: string };

/**
 * A LIVE bot's ledger: the paper broker's bookkeeping (cash, positions at average cost, realised
 * PnL) fed only by the exchange's fills. Orders never fill here by themselves: the strategy's
 * orders and the risk rules' closing sells (`executeAt` while `routing`) wait as intents until
 * the live step sends them to the exchange (`takeIntents`) and applies what the exchange filled
 * (`applyExchangeFill`).
 */
export class LiveLedger extends PaperBroker {
  /** True once the ledger is rebuilt: from then on fills come only from the exchange. */
  routing = false;
  readonly #reasons = new Map<number, string>();

  constructor(options: PaperBrokerOptions) {
    super(options);
  }

  /**
   * While routing, a risk rule's immediate sell (stop-loss, drawdown) becomes an exchange order:
   * queued, answered as not filled here (the exchange's fill arrives through the live step).
   */
  override executeAt(
    symbol: string,
    side: OrderSide,
    quantity: number,
    price: number,
    time: number,
    fee?: number,
  ): Fill | OrderRejection {
    if (!this.routing) return super.executeAt(symbol, side, quantity, price, time, fee);
    const order = this.submitMarketOrder(symbol, side, quantity);
    this.#reasons.set(order.id, 'risk_exit');
    return { order, time, reason: 'EXCHANGE_REJECTED', message: 'sent to the exchange' };
  }

  /**
   * An order still queued when a bar arrives is one a reloaded bot's strategy placed again on
   * its replayed last bar: the original went to the exchange before the reload, so it is
   * dropped, never filled here.
   */
  override processBar(symbol: string, bar: Bar): void {
    if (this.routing) this.cancelPendingOrders(symbol);
    super.processBar(symbol, bar);
  }

  /** The bar's orders, removed from the ledger's queue (they fill on the exchange, not here). */
  takeIntents(symbols: readonly string[]): LiveIntent[] {
    const intents = this.pendingOrders().map((order) => ({
      order,
      reason: this.#reasons.get(order.id) ?? 'signal',
    }));
    for (const symbol of symbols) this.cancelPendingOrders(symbol);
    this.#reasons.clear();
    return intents;
  }

  /**
   * Books one exchange fill (quantity net of a fee taken in the base asset; fee in cash) and
   * returns it; it is not added to `fills`.
   */
  applyExchangeFill(
    symbol: string,
    side: OrderSide,
    quantity: number,
    price: number,
    time: number,
    fee: number,
  ): Fill | OrderRejection {
    const result = super.executeAt(symbol, side, quantity, price, time, fee);
    // The caller hands the fill on itself (the live step's bar, a finishing bot): kept out of
    // `fills`, which a bot's session reads for the fills its bars made.
    if ('price' in result) this.fills.pop();
    return result;
  }
}
