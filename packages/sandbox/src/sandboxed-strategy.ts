import type {
  Bar,
  BarSeries,
  Fill,
  OrderRejection,
  Strategy,
  StrategyContext,
} from '@tradewind/engine';
import type { StrategySandbox } from './strategy-sandbox.ts';

/** Columns per bar in a batch: time, open, high, low, close, volume. */
const COLUMNS = 6;

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
    // A pending order changes the state at the next open: decide one bar at a time then.
    const count = pending ? this.#fillOne(bar) : this.#fill(index, bar);
    const position = broker.position(symbol);
    const cash = broker.cash();
    const outcome = this.#sandbox.run(this.#buffer, count, {
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

  // Copies the batch into the buffer: bars ahead from `index` if they match, else this bar alone.
  #fill(index: number, bar: Bar): number {
    const ahead = this.#ahead;
    const buffer = this.#buffer;
    if (ahead !== undefined && ahead.time[index] === bar.time) {
      const count = Math.min(this.#batchSize, ahead.length - index);
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
      return count;
    }
    return this.#fillOne(bar);
  }

  #fillOne(bar: Bar): number {
    const buffer = this.#buffer;
    buffer[0] = bar.time;
    buffer[1] = bar.open;
    buffer[2] = bar.high;
    buffer[3] = bar.low;
    buffer[4] = bar.close;
    buffer[5] = bar.volume;
    return 1;
  }
}
