import { assertPeriod } from './period.ts';

/**
 * Exponential moving average with smoothing `alpha = 2 / (period + 1)`.
 *
 * Convention (TA-Lib's): the first value is the simple average of the first `period` inputs,
 * then `ema = ema + alpha * (input - ema)`. O(1), allocation-free.
 */
export class EMA {
  readonly period: number;
  readonly warmupPeriod: number;
  readonly alpha: number;
  /** The latest average; NaN until warm. */
  value = Number.NaN;
  #count = 0;
  #seedSum = 0;

  constructor(period: number) {
    assertPeriod('period', period);
    this.period = period;
    this.warmupPeriod = period;
    this.alpha = 2 / (period + 1);
  }

  /** Adds one value and returns the current average (NaN until `period` values). */
  update(input: number): number {
    if (this.#count >= this.period) {
      this.value += this.alpha * (input - this.value);
      return this.value;
    }
    this.#count++;
    this.#seedSum += input;
    if (this.#count === this.period) this.value = this.#seedSum / this.period;
    return this.value;
  }

  get isWarm(): boolean {
    return this.#count >= this.period;
  }

  reset(): void {
    this.#count = 0;
    this.#seedSum = 0;
    this.value = Number.NaN;
  }
}
