import type { Bar } from '../data/bar.ts';
import type { Broker } from '../execution/broker.ts';
import type { Fill } from '../execution/fill.ts';
import type { OrderRejection } from '../execution/order.ts';
import type { SeededRandom } from '../random/seeded-random.ts';

/**
 * What a strategy sees besides the bar: its symbol and the ports it acts through. One context per
 * symbol, created once and reused for every bar.
 */
export type StrategyContext = {
  readonly symbol: string;
  /** Orders, position, cash and equity. */
  readonly broker: Broker;
  /** The only source of randomness a strategy may use, seeded per session. */
  readonly random: SeededRandom;
  /**
   * The quantity the session's sizing policy allows for a new entry at `referencePrice`
   * (usually the close the decision is made on); 0 when nothing can be bought.
   */
  entryQuantity(referencePrice: number): number;
  /**
   * The same at a given equity instead of the venue's current one: a sandboxed strategy decides
   * ahead of the venue within a batch of bars and sizes from its own view of equity.
   */
  entryQuantityAt?(referencePrice: number, equity: number): number;
};

/**
 * A trading strategy for one symbol, the same object in backtests and live bots. It is told
 * each closed bar after the broker has filled the orders placed on the previous close, and may
 * submit market orders through `context.broker`; they fill at the next bar's open.
 *
 * The `bar` passed to `onBar` is only valid during the call: backtests reuse one object for every
 * bar to avoid a million allocations, so copy the fields you need instead of keeping the object.
 */
export type Strategy = {
  readonly name: string;
  /** Bars needed before the strategy can make its first decision. */
  readonly warmupBars: number;
  onBar(bar: Bar, context: StrategyContext): void;
  onFill?(fill: Fill, context: StrategyContext): void;
  onRejection?(rejection: OrderRejection, context: StrategyContext): void;
};
