import { DomainError } from '@tradewind/core';
import { EMA } from './ema.ts';

/**
 * Moving average convergence/divergence: `line = EMA(fast) - EMA(slow)`, `signal = EMA(signal)`
 * of the line (fed from the first bar the line exists), `histogram = line - signal`.
 * EMAs follow the {@link EMA} convention (seeded with a simple average). O(1), allocation-free:
 * the three outputs are fields rather than a returned object.
 */
export class MACD {
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  readonly signalPeriod: number;
  /** Inputs needed before all three outputs are defined: `slow + signal - 1`. */
  readonly warmupPeriod: number;
  /** NaN until `slow` inputs. */
  line = Number.NaN;
  /** NaN until `warmupPeriod` inputs. */
  signal = Number.NaN;
  /** NaN until `warmupPeriod` inputs. */
  histogram = Number.NaN;
  #fast: EMA;
  #slow: EMA;
  #signal: EMA;

  constructor(fastPeriod = 12, slowPeriod = 26, signalPeriod = 9) {
    this.#fast = new EMA(fastPeriod);
    this.#slow = new EMA(slowPeriod);
    this.#signal = new EMA(signalPeriod);
    if (fastPeriod >= slowPeriod) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `fast period (${fastPeriod}) must be less than slow period (${slowPeriod})`,
        { field: 'fast' },
      );
    }
    this.fastPeriod = fastPeriod;
    this.slowPeriod = slowPeriod;
    this.signalPeriod = signalPeriod;
    this.warmupPeriod = slowPeriod + signalPeriod - 1;
  }

  /** Adds one close and returns the histogram (NaN until warm); see the fields for the rest. */
  update(close: number): number {
    const fast = this.#fast.update(close);
    const slow = this.#slow.update(close);
    if (Number.isNaN(slow)) return this.histogram;
    const line = fast - slow;
    this.line = line;
    this.signal = this.#signal.update(line);
    this.histogram = line - this.signal;
    return this.histogram;
  }

  get isWarm(): boolean {
    return !Number.isNaN(this.histogram);
  }

  reset(): void {
    this.#fast.reset();
    this.#slow.reset();
    this.#signal.reset();
    this.line = Number.NaN;
    this.signal = Number.NaN;
    this.histogram = Number.NaN;
  }
}
