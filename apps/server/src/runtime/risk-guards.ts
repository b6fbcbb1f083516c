import type {
  Bar,
  BrokerListener,
  CostModel,
  ExecutionVenue,
  Fill,
  MarketOrder,
  OrderSide,
  PaperBroker,
  Position,
} from '@tradewind/engine';
import type { ResolvedRiskSettings } from '../services/bots/risk-settings.ts';

/** Trade reason of a fill made by the stop-loss guard. */
export const STOP_LOSS_REASON = 'stop_loss';

/** A stop-loss the guard executed on a bar. */
export type StopLoss = {
  fill: Fill;
  averagePrice: number;
  close: number;
  /** Bars whose close may not submit an entry for the symbol: up to, excluding, this time. */
  cooldownUntil: number;
};

/**
 * The venue a bot's strategies trade through: its paper broker behind two per-symbol guards.
 *
 * - **Stop-loss.** When a bar's close is `stopLossPercent` or more below the open position's
 *   average entry price, the whole position is sold at that close (commission as usual, no
 *   slippage: `PaperBroker.executeAt`). This runs in `processBar`, after the orders placed on the
 *   previous close filled at the bar's open and before the strategy sees the bar, so the strategy
 *   decides on a position that is already flat.
 * - **Cooldown.** A stop-loss on the bar at time `t` starts a cooldown of `cooldownBars` bars:
 *   buy orders the strategy submits on the closes of bars `t` .. `t + (cooldownBars - 1)` bars are
 *   dropped (never queued; the returned order has id 0), so no strategy entry fills on the
 *   `cooldownBars` bars after the stop, and the first one can fill on bar `t + cooldownBars + 1`.
 *   Sells pass (an operator may have re-entered), and operator actions are not guarded.
 *
 * The stop-loss is armed only for live, unpaused bars: warm-up bars and the replayed last bar of
 * a resuming bot must not trade, and a paused bot trades nothing.
 */
export class RiskGuardedVenue implements ExecutionVenue {
  /** Set by the bot for its live bars; while false, `processBar` only forwards. */
  armed = false;
  readonly #broker: PaperBroker;
  readonly #risk: ResolvedRiskSettings;
  readonly #barMs: number;
  readonly #cooldownUntil = new Map<string, number>();
  readonly #barTime = new Map<string, number>();
  #stops: StopLoss[] = [];

  constructor(broker: PaperBroker, risk: ResolvedRiskSettings, barMs: number) {
    this.#broker = broker;
    this.#risk = risk;
    this.#barMs = barMs;
  }

  get costModel(): CostModel {
    return this.#broker.costModel;
  }

  /** Restores a cooldown from a persisted stop-loss fill at `time` (when a bot resumes). */
  restoreStopLoss(symbol: string, time: number): void {
    this.#cooldownUntil.set(symbol, time + this.#risk.cooldownBars * this.#barMs);
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
    this.#broker.processBar(symbol, bar);
    this.#barTime.set(symbol, bar.time);
    if (this.armed) this.#checkStopLoss(symbol, bar);
  }

  submitMarketOrder(symbol: string, side: OrderSide, quantity: number): MarketOrder {
    if (side === 'BUY' && this.inCooldown(symbol)) {
      return {
        id: 0,
        symbol,
        side,
        quantity,
        submittedAt: this.#barTime.get(symbol) ?? Number.NaN,
      };
    }
    return this.#broker.submitMarketOrder(symbol, side, quantity);
  }

  cancelPendingOrders(symbol: string): number {
    return this.#broker.cancelPendingOrders(symbol);
  }

  subscribe(listener: BrokerListener): () => void {
    return this.#broker.subscribe(listener);
  }

  positionQuantity(symbol: string): number {
    return this.#broker.positionQuantity(symbol);
  }

  position(symbol: string): Position {
    return this.#broker.position(symbol);
  }

  hasPendingOrder(symbol: string): boolean {
    return this.#broker.hasPendingOrder(symbol);
  }

  cash(): number {
    return this.#broker.cash();
  }

  equity(): number {
    return this.#broker.equity();
  }

  #checkStopLoss(symbol: string, bar: Bar): void {
    const quantity = this.#broker.positionQuantity(symbol);
    if (!(quantity > 0)) return;
    const { averagePrice } = this.#broker.position(symbol);
    if (!(bar.close <= averagePrice * (1 - this.#risk.stopLossPercent / 100))) return;
    const result = this.#broker.executeAt(symbol, 'SELL', quantity, bar.close, bar.time);
    // Selling exactly the held quantity cannot be rejected; guard anyway.
    if (!('price' in result)) return;
    this.restoreStopLoss(symbol, bar.time);
    this.#stops.push({
      fill: result,
      averagePrice,
      close: bar.close,
      cooldownUntil: this.#cooldownUntil.get(symbol) as number,
    });
  }
}

/** A bot-level guard that fired: the bot is paused and an alert raised. */
export type GuardTrip = {
  kind: 'max_daily_loss' | 'max_drawdown';
  message: string;
  values: {
    equity: number;
    /** The day's starting equity (daily loss) or the peak equity (drawdown). */
    baseline: number;
    /** How far equity is below the baseline, percent. */
    lossPercent: number;
    limitPercent: number;
  };
};

/** Equity figures the bot-level guards compare, all marked at bar closes. */
export type EquityState = {
  /** Equity after this bar (its fills and stop-losses included). */
  equity: number;
  /** Equity after the previous bar. */
  previousEquity: number;
  /** Equity at the close of the last bar of the previous UTC day (or the initial cash). */
  dayStartEquity: number;
  /** Highest equity after any earlier bar (or the initial cash). */
  peakEquity: number;
};

const percentBelow = (value: number, baseline: number): number =>
  baseline > 0 ? ((baseline - value) / baseline) * 100 : 0;

/**
 * The bot-level guards, on one bar's equity:
 *
 * - max daily loss: `(dayStartEquity - equity) / dayStartEquity * 100 >= maxDailyLossPercent`,
 *   the day being the UTC date of the simulated bar;
 * - max drawdown: `(peakEquity - equity) / peakEquity * 100 >= maxDrawdownPercent`.
 *
 * A guard fires when its limit is crossed, i.e. reached on this bar but not on the previous one
 * against the same baseline. That is what pauses the bot; after an operator resumes it, the
 * guard stays quiet until equity recovers above the limit and crosses it again (or, for the
 * daily loss, a new day starts), rather than pausing the bot again on its first bar.
 */
export function checkEquityGuards(risk: ResolvedRiskSettings, state: EquityState): GuardTrip[] {
  const trips: GuardTrip[] = [];
  const guards = [
    {
      kind: 'max_daily_loss' as const,
      baseline: state.dayStartEquity,
      limitPercent: risk.maxDailyLossPercent,
      label: "below the day's starting equity",
    },
    {
      kind: 'max_drawdown' as const,
      baseline: state.peakEquity,
      limitPercent: risk.maxDrawdownPercent,
      label: 'below the peak equity',
    },
  ];
  for (const guard of guards) {
    const lossPercent = percentBelow(state.equity, guard.baseline);
    const before = percentBelow(state.previousEquity, guard.baseline);
    if (lossPercent >= guard.limitPercent && before < guard.limitPercent) {
      trips.push({
        kind: guard.kind,
        message: `Equity ${round(state.equity)} is ${round(lossPercent)}% ${guard.label} ${round(
          guard.baseline,
        )} (limit ${guard.limitPercent}%); bot paused`,
        values: {
          equity: state.equity,
          baseline: guard.baseline,
          lossPercent,
          limitPercent: guard.limitPercent,
        },
      });
    }
  }
  return trips;
}

const round = (value: number): number => Number(value.toFixed(2));
