// Runs INSIDE the QuickJS sandbox (bundled by guest-bundle.ts), never in the host. It builds the
// strategy from the user's module with the engine's own toolkit, then replays batches of bars
// against a mirror of the broker state the host passes in. A batch stops right after the bar on
// which the strategy orders, so the host fills the order and the next batch starts from the
// real state: the mirror is never wrong, and the host is called once per batch, not per bar.
import type { Bar, StrategyContext, StrategyLogic, StrategyModule } from '@tradewind/engine';
import { SeededRandom } from '@tradewind/engine/seeded-random';
import { STRATEGY_TOOLKIT } from '@tradewind/engine/toolkit';

declare const __strategyFile: { default?: StrategyModule } | undefined;
declare const __host: { entryQuantity(price: number, equity: number): number };

/** Columns per bar in a batch buffer: time, open, high, low, close, volume. */
const COLUMNS = 6;

type Order = { side: 'BUY' | 'SELL'; quantity: number };

const bar = { time: Number.NaN, open: 0, high: 0, low: 0, close: 0, volume: 0 };
const state = {
  position: 0,
  averagePrice: 0,
  costBasis: 0,
  pending: false,
  cash: 0,
  otherValue: 0,
};
let orders: Order[] = [];
let logic: StrategyLogic | undefined;
let context: StrategyContext | undefined;
let randomSeed = 1;
let batch = new Float64Array(0);
let batchCount = 0;

function strategyModule(): StrategyModule {
  const file = typeof __strategyFile === 'undefined' ? undefined : __strategyFile;
  const module = file?.default;
  if (module === null || typeof module !== 'object') {
    throw new TypeError('the strategy file must `export default` its strategy object');
  }
  return module;
}

// The clock is the bars' and randomness is seeded: the same bars give the same decisions.
function freezeNondeterminism(seed: number): void {
  const random = new SeededRandom(seed);
  Math.random = () => random.next();
  const HostDate = Date;
  const BarDate = function (this: unknown, ...args: unknown[]) {
    const time = args.length === 0 ? bar.time : undefined;
    return time === undefined
      ? new (HostDate as unknown as new (...a: unknown[]) => Date)(...args)
      : new HostDate(time);
  } as unknown as DateConstructor;
  Object.setPrototypeOf(BarDate, HostDate);
  (BarDate as unknown as { prototype: Date }).prototype = HostDate.prototype;
  BarDate.now = () => bar.time;
  globalThis.Date = BarDate;
}

function broker(symbol: string, costModel: StrategyContext['broker']['costModel']) {
  const own = (other: string) => other === symbol;
  return {
    costModel,
    submitMarketOrder(orderSymbol: string, side: 'BUY' | 'SELL', quantity: number) {
      if (!own(orderSymbol)) throw new RangeError(`this strategy trades ${symbol} only`);
      if (side !== 'BUY' && side !== 'SELL') throw new RangeError('side must be BUY or SELL');
      if (!(quantity > 0) || !Number.isFinite(quantity)) {
        throw new RangeError(`quantity must be a positive number (got ${quantity})`);
      }
      orders.push({ side, quantity });
      state.pending = true;
      return { id: 0, symbol, side, quantity, submittedAt: bar.time };
    },
    positionQuantity: (other: string) => (own(other) ? state.position : 0),
    position(other: string) {
      const quantity = own(other) ? state.position : 0;
      const marketValue = quantity * bar.close;
      const costBasis = own(other) ? state.costBasis : 0;
      return {
        symbol: other,
        quantity,
        averagePrice: own(other) ? state.averagePrice : 0,
        costBasis,
        lastPrice: bar.close,
        marketValue,
        unrealizedPnl: marketValue - costBasis,
      };
    },
    hasPendingOrder: (other: string) => own(other) && state.pending,
    cash: () => state.cash,
    equity: () => state.cash + state.position * bar.close + state.otherValue,
  };
}

function takeOrders(processed: number): string {
  const taken = JSON.stringify({ processed, orders });
  orders = [];
  return taken;
}

const runtime = {
  /** The module's declared name, description and parameters, as JSON. */
  manifest(): string {
    const { name, description, category, riskLevel, params } = strategyModule();
    return JSON.stringify({ name, description, category, riskLevel, params });
  },

  /** Builds the logic from validated parameters; returns its warm-up bar count. */
  create(paramsJson: string, seed: number): number {
    freezeNondeterminism(seed);
    const module = strategyModule();
    if (typeof module.create !== 'function') throw new TypeError('create must be a function');
    const built = module.create(JSON.parse(paramsJson), STRATEGY_TOOLKIT);
    if (built === null || typeof built !== 'object' || typeof built.onBar !== 'function') {
      throw new TypeError('create must return an object with an onBar function');
    }
    logic = built;
    randomSeed = seed;
    return Number(built.warmupBars ?? 0);
  },

  /** Gives the logic its symbol and the broker's costs (before its first bar). */
  bind(symbol: string, costsJson: string): void {
    context = {
      symbol,
      broker: broker(symbol, JSON.parse(costsJson)),
      random: new SeededRandom(randomSeed),
      entryQuantity: (price: number) =>
        __host.entryQuantity(price, state.cash + state.position * bar.close + state.otherValue),
    } as StrategyContext;
  },

  /** Keeps a batch of bars (six float64 columns each) for `run` to replay from any offset. */
  load(buffer: ArrayBuffer, count: number): void {
    batch = new Float64Array(buffer);
    batchCount = count;
  },

  /**
   * Replays the loaded bars from `offset` with the broker state given, up to the end of the
   * batch or the first bar that orders; returns the bars processed, or when the last one
   * ordered, `{ processed, orders }` as JSON (one call per order, not two).
   */
  run(
    offset: number,
    position: number,
    averagePrice: number,
    costBasis: number,
    pending: boolean,
    cash: number,
    otherValue: number,
  ): number | string {
    const data = batch;
    state.position = position;
    state.averagePrice = averagePrice;
    state.costBasis = costBasis;
    state.pending = pending;
    state.cash = cash;
    state.otherValue = otherValue;
    const strategy = logic as StrategyLogic;
    const ctx = context as StrategyContext;
    for (let i = offset; i < batchCount; i++) {
      const at = i * COLUMNS;
      bar.time = data[at] as number;
      bar.open = data[at + 1] as number;
      bar.high = data[at + 2] as number;
      bar.low = data[at + 3] as number;
      bar.close = data[at + 4] as number;
      bar.volume = data[at + 5] as number;
      strategy.onBar(bar as Bar, ctx);
      if (orders.length > 0) return takeOrders(i + 1 - offset);
    }
    return batchCount - offset;
  },

  /** Forwards a fill or a rejection (JSON) to the strategy's callback, if it has one. */
  notify(kind: 'fill' | 'rejection', json: string): void {
    const handler = kind === 'fill' ? logic?.onFill : logic?.onRejection;
    if (handler !== undefined) handler.call(logic, JSON.parse(json), context as StrategyContext);
  },
};

(globalThis as unknown as { __tw: typeof runtime }).__tw = runtime;
