import type { Fill } from '../execution/fill.ts';
import type { RiskGuardedVenue } from './risk-guarded-venue.ts';
import type { RiskRules } from './risk-rules.ts';

/** An equity rule that fired. */
export type GuardTrip = {
  readonly kind: 'max_daily_loss' | 'max_drawdown';
  readonly message: string;
  readonly values: {
    readonly equity: number;
    /** The day's starting equity (daily loss) or the peak equity (drawdown). */
    readonly baseline: number;
    /** How far equity is below the baseline, a fraction. */
    readonly loss: number;
    /** The rule's limit, a fraction. */
    readonly limit: number;
  };
};

/** What one time step's equity rules did. */
export type EquityStep = {
  readonly trips: readonly GuardTrip[];
  /** The halt's closing fills (empty when nothing tripped). */
  readonly fills: readonly Fill[];
  /** Equity after the step (after the halt's fills). */
  readonly equity: number;
};

/** Where the guard's baselines stand (a bot resuming restores them from its rows). */
export type EquityGuardState = {
  /** Equity after the last step. */
  readonly equity: number;
  /** Highest equity after any step (or the initial cash). */
  readonly peakEquity: number;
  /** Equity the current UTC day started with, and that day (YYYY-MM-DD); none before a step. */
  readonly dayStartEquity: number;
  readonly day?: string;
};

/** The UTC date (YYYY-MM-DD) of a time: the day the daily-loss rule measures. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

const fractionBelow = (value: number, baseline: number): number =>
  baseline > 0 ? (baseline - value) / baseline : 0;

const percent = (fraction: number): number => Number((fraction * 100).toFixed(2));
const money = (value: number): number => Number(value.toFixed(2));

/**
 * The equity rules over one or more venues' summed equity (a backtest's or a bot's one venue,
 * an ensemble's members), checked at the end of each time step, on the closes:
 *
 * - max daily loss: `(dayStartEquity - equity) / dayStartEquity >= maxDailyLoss`, where
 *   `dayStartEquity` is the equity after the last step of the previous UTC day;
 * - max drawdown: `(peakEquity - equity) / peakEquity >= maxDrawdown`, the peak over earlier
 *   steps.
 *
 * A rule fires when its limit is crossed: reached on this step but not on the previous one
 * against the same baseline (so a bot an operator resumed is not halted again on its first
 * bar). Firing halts every venue (`RiskGuardedVenue.halt`): positions sold at the close, no
 * more trading. A halted run stays halted; a bot is paused, and an operator may resume it.
 */
export class EquityGuard {
  readonly #rules: RiskRules;
  readonly #venues: readonly RiskGuardedVenue[];
  #equity: number;
  #peak: number;
  #dayStart: number;
  #day: string | undefined;

  constructor(rules: RiskRules, venues: readonly RiskGuardedVenue[], state: EquityGuardState) {
    this.#rules = rules;
    this.#venues = venues;
    this.#equity = state.equity;
    this.#peak = state.peakEquity;
    this.#dayStart = state.dayStartEquity;
    this.#day = state.day;
  }

  get peakEquity(): number {
    return this.#peak;
  }

  /** Checks the step ending at `time`; a halted venue checks nothing (it only keeps the marks). */
  endStep(time: number): EquityStep {
    let equity = this.#total();
    const day = utcDay(time);
    if (day !== this.#day) {
      this.#day = day;
      this.#dayStart = this.#equity;
    }
    const armed = this.#venues.every((venue) => venue.armed && !venue.halted);
    const trips = armed ? this.#trips(equity) : [];
    const fills: Fill[] = [];
    if (trips.length > 0) {
      for (const venue of this.#venues) fills.push(...venue.halt(time, trips[0]?.kind as string));
      equity = this.#total();
    }
    this.#equity = equity;
    if (equity > this.#peak) this.#peak = equity;
    return { trips, fills, equity };
  }

  #total(): number {
    let total = 0;
    for (const venue of this.#venues) total += venue.equity();
    return total;
  }

  #trips(equity: number): GuardTrip[] {
    const trips: GuardTrip[] = [];
    const rules = [
      {
        kind: 'max_daily_loss' as const,
        baseline: this.#dayStart,
        limit: this.#rules.maxDailyLoss,
        label: "below the day's starting equity",
      },
      {
        kind: 'max_drawdown' as const,
        baseline: this.#peak,
        limit: this.#rules.maxDrawdown,
        label: 'below the peak equity',
      },
    ];
    for (const { kind, baseline, limit, label } of rules) {
      if (limit === undefined) continue;
      const loss = fractionBelow(equity, baseline);
      const before = fractionBelow(this.#equity, baseline);
      if (!(loss >= limit && before < limit)) continue;
      trips.push({
        kind,
        message: `Equity ${money(equity)} is ${percent(loss)}% ${label} ${money(baseline)} (limit ${percent(limit)}%)`,
        values: { equity, baseline, loss, limit },
      });
    }
    return trips;
  }
}
