import type { Bar } from '../data/bar.ts';
import type { BrokerListener, CostModel, ExecutionVenue } from '../execution/broker.ts';
import type { Fill } from '../execution/fill.ts';
import type { MarketOrder, OrderSide } from '../execution/order.ts';
import type { PaperBroker } from '../execution/paper-broker.ts';
import type { Position } from '../execution/position.ts';
import type { RiskRules } from './risk-rules.ts';

/** Trade reason of a fill the stop-loss made. */
export const STOP_LOSS_REASON = 'stop_loss';

/** A stop-loss the venue executed. */
export type StopLoss = {
  readonly time: number;
  readonly fill: Fill;
  readonly averagePrice: number;
  readonly close: number;
  /** Entries on the symbol are dropped on bar closes before this time. */
  readonly cooldownUntil: number;
};

/**
 * The venue a strategy trades through when risk rules are set: a paper broker behind the
 * per-symbol rules, and the halt the equity rules (see `EquityGuard`) order. The same class runs
 * in `runBacktest`, in each ensemble member and in a bot, so one setting gives the same fills.
 *
 * Execution rule: every rule decides on a bar's close and fills at that close, through the
 * broker's `executeAt` (commission as usual, no slippage). A live bot knows a bar's close the
 * moment the bar closes, and a backtest has the same close, so a backtest reproduces a bot's
 * risk fills exactly; filling at the next open instead would make the fill depend on a bar the
 * bot has not seen yet when it decides, and on whether the bot is still running then.
 *
 * - **Stop-loss.** In `processBar`, after orders from the previous close filled at the bar's
 *   open and before the strategy sees the bar: when the close is at or below
 *   `averagePrice × (1 - stopLoss)`, the whole position is sold at the close.
 * - **Cooldown.** A stop at time `t` drops the strategy's buys on the closes of bars before
 *   `t + cooldownBars × barMs` (bar intervals of time, so a restarted bot keeps its clock).
 *   Sells pass.
 * - **Halt.** `halt` sells every position at its last close and drops pending orders; while
 *   `halted`, orders are dropped (id 0) and bars only mark positions.
 *
 * `armed` false (a bot's warm-up bars) lets bars through without any rule.
 */
export class RiskGuardedVenue implements ExecutionVenue {
  armed = true;
  halted = false;
  readonly broker: PaperBroker;
  readonly rules: RiskRules;
  readonly #cooldownMs: number;
  readonly #cooldownUntil = new Map<string, number>();
  readonly #barTime = new Map<string, number>();
  readonly #reasons = new WeakMap<Fill, string>();
  #stops: StopLoss[] = [];

  /** `barMs`: the length of one bar interval (the timeframe), for the cooldown. */
  constructor(broker: PaperBroker, rules: RiskRules, barMs: number) {
    this.broker = broker;
    this.rules = rules;
    this.#cooldownMs = (rules.cooldownBars ?? 0) * barMs;
  }

  get costModel(): CostModel {
    return this.broker.costModel;
  }

  /** Why a fill happened when a rule made it (`stop_loss`, `max_drawdown`, ...). */
  reasonOf(fill: Fill): string | undefined {
    return this.#reasons.get(fill);
  }

  /** Restarts a symbol's cooldown from a stop-loss at `time` (a bot resuming from its trades). */
  restoreStopLoss(symbol: string, time: number): number {
    const until = time + this.#cooldownMs;
    this.#cooldownUntil.set(symbol, until);
    return until;
  }

  /** True when a buy submitted now (on the symbol's last bar's close) would be dropped. */
  inCooldown(symbol: string): boolean {
    const until = this.#cooldownUntil.get(symbol);
    const now = this.#barTime.get(symbol);
    return until !== undefined && now !== undefined && now < until;
  }

  /** The stop-losses executed since the last call, in order. */
  takeStopLosses(): StopLoss[] {
    const stops = this.#stops;
    this.#stops = [];
    return stops;
  }

  processBar(symbol: string, bar: Bar): void {
    if (this.halted) this.broker.cancelPendingOrders(symbol);
    this.broker.processBar(symbol, bar);
    this.#barTime.set(symbol, bar.time);
    if (this.armed && !this.halted && this.rules.stopLoss !== undefined) {
      this.#checkStopLoss(symbol, bar, this.rules.stopLoss);
    }
  }

  submitMarketOrder(symbol: string, side: OrderSide, quantity: number): MarketOrder {
    if (this.halted || (side === 'BUY' && this.inCooldown(symbol))) {
      return {
        id: 0,
        symbol,
        side,
        quantity,
        submittedAt: this.#barTime.get(symbol) ?? Number.NaN,
      };
    }
    return this.broker.submitMarketOrder(symbol, side, quantity);
  }

  /**
   * Stops trading: drops every pending order, sells every position at its last close (reason
   * `reason`) and sets `halted`. Returns the fills.
   */
  halt(time: number, reason: string): Fill[] {
    this.halted = true;
    const fills: Fill[] = [];
    for (const position of this.broker.openPositions()) {
      this.broker.cancelPendingOrders(position.symbol);
      const fill = this.#sellAll(position.symbol, position.quantity, position.lastPrice, time);
      if (fill !== undefined) {
        this.#reasons.set(fill, reason);
        fills.push(fill);
      }
    }
    for (const symbol of this.#barTime.keys()) this.broker.cancelPendingOrders(symbol);
    return fills;
  }

  cancelPendingOrders(symbol: string): number {
    return this.broker.cancelPendingOrders(symbol);
  }

  subscribe(listener: BrokerListener): () => void {
    return this.broker.subscribe(listener);
  }

  positionQuantity(symbol: string): number {
    return this.broker.positionQuantity(symbol);
  }

  position(symbol: string): Position {
    return this.broker.position(symbol);
  }

  hasPendingOrder(symbol: string): boolean {
    return this.broker.hasPendingOrder(symbol);
  }

  cash(): number {
    return this.broker.cash();
  }

  equity(): number {
    return this.broker.equity();
  }

  #checkStopLoss(symbol: string, bar: Bar, stopLoss: number): void {
    const quantity = this.broker.positionQuantity(symbol);
    if (!(quantity > 0)) return;
    const { averagePrice } = this.broker.position(symbol);
    if (!(bar.close <= averagePrice * (1 - stopLoss))) return;
    const fill = this.#sellAll(symbol, quantity, bar.close, bar.time);
    if (fill === undefined) return;
    this.#reasons.set(fill, STOP_LOSS_REASON);
    const cooldownUntil = this.restoreStopLoss(symbol, bar.time);
    this.#stops.push({ time: bar.time, fill, averagePrice, close: bar.close, cooldownUntil });
  }

  #sellAll(symbol: string, quantity: number, price: number, time: number): Fill | undefined {
    const result = this.broker.executeAt(symbol, 'SELL', quantity, price, time);
    // Selling exactly the held quantity cannot be rejected; guard anyway.
    return 'price' in result ? result : undefined;
  }
}
