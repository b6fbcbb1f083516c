import { DomainError } from '@tradewind/core';
import type { Bar } from '../data/bar.ts';
import type { ExecutionVenue } from '../execution/broker.ts';
import type { Instrument } from '../execution/instrument.ts';
import { SeededRandom } from '../random/seeded-random.ts';
import { entryQuantity, type Sizing, ZSizing } from './sizing.ts';
import type { Strategy, StrategyContext } from './strategy.ts';

/** What a session runs: one strategy per symbol against one venue. */
export type TradingSessionOptions = {
  readonly venue: ExecutionVenue;
  /** symbol → the strategy instance trading it (instances keep per-symbol state). */
  readonly strategies: Readonly<Record<string, Strategy>>;
  readonly sizing: Sizing;
  /** Seed of the random port strategies get. Default 1. */
  readonly seed?: number;
  /**
   * Trading rules per symbol (an exchange market's): percent-of-equity entries are sized in
   * the market's quantity step instead of the sizing's lot, so 10,000 USDT buys 0.08 BTC.
   */
  readonly instruments?: Readonly<Record<string, Instrument>>;
};

type Slot = { readonly strategy: Strategy; readonly context: StrategyContext };

/**
 * The one kernel of the execution model, used by backtests and by live paper bots alike: for
 * each closed bar, the venue first fills orders placed on the previous close (at this bar's
 * open), then the symbol's strategy decides on this bar's close. Fills and rejections are routed
 * back to the strategy that placed the order. Nothing here knows whether the bars are history or
 * a live feed.
 */
export class TradingSession {
  readonly venue: ExecutionVenue;
  readonly symbols: readonly string[];
  #slots = new Map<string, Slot>();
  // The last symbol's slot: consecutive bars of one symbol skip the map lookup (hot path).
  #lastSymbol = '';
  #lastSlot: Slot | undefined;
  #unsubscribe: () => void;

  constructor(options: TradingSessionOptions) {
    const parsed = ZSizing.safeParse(options.sizing);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = ['sizing', ...(issue?.path ?? [])].join('.');
      throw new DomainError('VALIDATION_ERROR', `${field}: ${issue?.message}`, { field });
    }
    const sizing = parsed.data;
    const venue = options.venue;
    const random = new SeededRandom(options.seed ?? 1);
    this.venue = venue;
    this.symbols = Object.keys(options.strategies);
    for (const symbol of this.symbols) {
      const strategy = options.strategies[symbol] as Strategy;
      const step = options.instruments?.[symbol]?.quantityStep;
      const symbolSizing =
        step === undefined || sizing.type === 'fixed' ? sizing : { ...sizing, lotSize: step };
      const context: StrategyContext = {
        symbol,
        broker: venue,
        random,
        entryQuantity: (price) =>
          entryQuantity(symbolSizing, venue.equity(), price, venue.costModel),
        entryQuantityAt: (price, equity) =>
          entryQuantity(symbolSizing, equity, price, venue.costModel),
      };
      this.#slots.set(symbol, { strategy, context });
    }
    // Only strategies that listen get fills routed to them; built-ins read the position instead.
    const listening = Object.values(options.strategies).some(
      (strategy) => strategy.onFill !== undefined || strategy.onRejection !== undefined,
    );
    this.#unsubscribe = listening
      ? venue.subscribe({
          onFill: (fill) => {
            const slot = this.#slots.get(fill.symbol);
            slot?.strategy.onFill?.(fill, slot.context);
          },
          onRejection: (rejection) => {
            const slot = this.#slots.get(rejection.order.symbol);
            slot?.strategy.onRejection?.(rejection, slot.context);
          },
        })
      : () => {};
  }

  /** Feeds one closed bar: fills pending orders at its open, then lets the strategy decide. */
  onBar(symbol: string, bar: Bar): void {
    let slot = this.#lastSlot;
    if (slot === undefined || symbol !== this.#lastSymbol) {
      slot = this.#slot(symbol);
      this.#lastSymbol = symbol;
      this.#lastSlot = slot;
    }
    this.venue.processBar(symbol, bar);
    slot.strategy.onBar(bar, slot.context);
  }

  /**
   * Feeds a history bar before trading starts (a live bot's startup candles): indicators warm
   * up, and any order the strategy places on it is dropped, so the bot trades from its first
   * live bar without acting on stale signals.
   */
  warmUp(symbol: string, bar: Bar): void {
    this.onBar(symbol, bar);
    this.venue.cancelPendingOrders(symbol);
  }

  /** Stops routing fills to strategies. */
  close(): void {
    this.#unsubscribe();
  }

  #slot(symbol: string): Slot {
    const slot = this.#slots.get(symbol);
    if (slot === undefined) {
      throw new DomainError('VALIDATION_ERROR', `no strategy trades symbol ${symbol}`, {
        field: 'symbol',
      });
    }
    return slot;
  }
}
