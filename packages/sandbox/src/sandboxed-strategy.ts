import type {
  Bar,
  BarSeries,
  Fill,
  OrderRejection,
  Strategy,
  StrategyContext,
} from '@tradewind/engine';
import { COLUMNS, type StrategySandbox } from './strategy-sandbox.ts';

/**
 * The engine's {@link Strategy} for a strategy running in a {@link StrategySandbox}. Given the
 * symbol's bars ahead (a backtest), it hands the sandbox a batch of bars per call; the batch
 * stops at the first bar that orders, and the orders are placed when the engine reaches that
 * bar, so every decision is made on the same state as a built-in's. Without bars ahead (a live
 * bot), or when the bars fed differ from them, it passes one bar per call.
 */
export class SandboxedStrategy implements Strategy {
  readonly name: string;
  readonly warmupBars: number;
  readonly #sandbox: StrategySandbox;
  readonly #barsAhead: Readonly<Record<string, BarSeries>> | undefined;
  #ahead: BarSeries | undefined;
  readonly #batchSize: number;
  #buffer: Float64Array;
  #bound = false;
  // Index of the next bar the engine feeds, and the first bar the sandbox has not seen yet.
  #index = 0;
  #decidedUntil = 0;
  #orders: ReadonlyArray<{ side: 'BUY' | 'SELL'; quantity: number }> = [];
  // The bars the sandbox holds: series indexes [#loadedFrom, #loadedUntil), or none (-1).
  #loadedFrom = -1;
  #loadedUntil = -1;

  constructor(options: {
    name: string;
    warmupBars: number;
    sandbox: StrategySandbox;
    /**
     * Each symbol's bars exactly as the engine will feed them, to batch (backtests without risk
     * rules: a stop-loss changes the position between orders, which a batch cannot foresee).
     */
    barsAhead?: Readonly<Record<string, BarSeries>>;
    /** Bars per sandbox call when batching. Default 10,000. */
    batchSize?: number;
  }) {
    this.name = options.name;
    this.warmupBars = options.warmupBars;
    this.#sandbox = options.sandbox;
    this.#barsAhead = options.barsAhead;
    this.#batchSize = options.barsAhead === undefined ? 1 : (options.batchSize ?? 10_000);
    this.#buffer = new Float64Array(this.#batchSize * COLUMNS);
  }

  onBar(bar: Bar, context: StrategyContext): void {
    if (!this.#bound) this.#bind(context);
    const index = this.#index++;
    if (index >= this.#decidedUntil) this.#decide(index, bar, context);
    // Orders belong to the last bar of a batch.
    if (index === this.#decidedUntil - 1 && this.#orders.length > 0) {
      for (const order of this.#orders) {
        context.broker.submitMarketOrder(context.symbol, order.side, order.quantity);
      }
      this.#orders = [];
    }
  }

  onFill(fill: Fill): void {
    this.#sandbox.notify('fill', fill);
  }

  onRejection(rejection: OrderRejection): void {
    this.#sandbox.notify('rejection', rejection);
  }

  /** Frees the sandbox. */
  dispose(): void {
    this.#sandbox.dispose();
  }

  #bind(context: StrategyContext): void {
    const broker = context.broker;
    this.#sandbox.bind({
      symbol: context.symbol,
      costModel: broker.costModel,
      entryQuantity: (price, equity) =>
        context.entryQuantityAt?.(price, equity) ?? context.entryQuantity(price),
    });
    this.#ahead = this.#barsAhead?.[context.symbol];
    this.#bound = true;
  }

  #decide(index: number, bar: Bar, context: StrategyContext): void {
    const { broker, symbol } = context;
    const pending = broker.hasPendingOrder(symbol);
    const offset = this.#load(index, bar, pending);
    const position = broker.position(symbol);
    const cash = broker.cash();
    const outcome = this.#sandbox.run(offset, {
      position: position.quantity,
      averagePrice: position.averagePrice,
      costBasis: position.costBasis,
      pending,
      cash,
      otherValue: broker.equity() - cash - position.quantity * bar.close,
    });
    this.#decidedUntil = index + outcome.processed;
    this.#orders = outcome.orders;
  }

  /**
   * Makes sure the sandbox holds the bar at `index` and returns its offset there: the bars
   * already sent when they cover it, else a new batch of bars ahead (copied once, replayed from
   * offsets), else this bar alone. A pending order changes the state at the next open, so the
   * sandbox then decides one bar only.
   */
  #load(index: number, bar: Bar, pending: boolean): number {
    const ahead = this.#ahead;
    const batched = !pending && ahead !== undefined && ahead.time[index] === bar.time;
    if (batched && index >= this.#loadedFrom && index < this.#loadedUntil) {
      return index - this.#loadedFrom;
    }
    const buffer = this.#buffer;
    const count = batched ? Math.min(this.#batchSize, ahead.length - index) : 1;
    if (batched) {
      for (let i = 0; i < count; i++) {
        const at = i * COLUMNS;
        const source = index + i;
        buffer[at] = ahead.time[source] as number;
        buffer[at + 1] = ahead.open[source] as number;
        buffer[at + 2] = ahead.high[source] as number;
        buffer[at + 3] = ahead.low[source] as number;
        buffer[at + 4] = ahead.close[source] as number;
        buffer[at + 5] = ahead.volume[source] as number;
      }
    } else {
      buffer[0] = bar.time;
      buffer[1] = bar.open;
      buffer[2] = bar.high;
      buffer[3] = bar.low;
      buffer[4] = bar.close;
      buffer[5] = bar.volume;
    }
    this.#sandbox.load(buffer, count);
    // A lone bar is not reusable: the next bar may be fed differently.
    this.#loadedFrom = batched ? index : -1;
    this.#loadedUntil = batched ? index + count : -1;
    return 0;
  }
}
