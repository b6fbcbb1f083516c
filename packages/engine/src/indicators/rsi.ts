import { assertPeriod } from './period.ts';

/**
 * Relative strength index with Wilder's smoothing.
 *
 * Convention: changes are `close - previous close`; the first average gain and loss are the
 * simple means of the first `period` changes (so `period + 1` inputs are needed), then
 * `average = (average * (period - 1) + current) / period`. `RSI = 100 - 100 / (1 + gain / loss)`;
 * 100 when the average loss is 0, and 50 when both averages are 0 (a flat market).
 */
export class RSI {
  readonly period: number;
  readonly warmupPeriod: number;
  /** The latest RSI in 0..100; NaN until warm. */
  value = Number.NaN;
  #previous = Number.NaN;
  #changes = 0;
  #averageGain = 0;
  #averageLoss = 0;

  constructor(period = 14) {
    assertPeriod('period', period);
    this.period = period;
    this.warmupPeriod = period + 1;
  }

  /** Adds one close and returns the current RSI (NaN until `period + 1` closes). */
  update(close: number): number {
    const previous = this.#previous;
    this.#previous = close;
    if (Number.isNaN(previous)) return this.value;
    const change = close - previous;
    const gain = Math.max(change, 0);
    const loss = Math.max(-change, 0);
    const period = this.period;
    if (this.#changes < period) {
      this.#changes++;
      // While warming up the averages hold sums; they become means at the last warm-up change.
      this.#averageGain += gain;
      this.#averageLoss += loss;
      if (this.#changes < period) return this.value;
      this.#averageGain /= period;
      this.#averageLoss /= period;
    } else {
      this.#averageGain = (this.#averageGain * (period - 1) + gain) / period;
      this.#averageLoss = (this.#averageLoss * (period - 1) + loss) / period;
    }
    const averageGain = this.#averageGain;
    const averageLoss = this.#averageLoss;
    if (averageLoss === 0) this.value = averageGain === 0 ? 50 : 100;
    else this.value = 100 - 100 / (1 + averageGain / averageLoss);
    return this.value;
  }

  get isWarm(): boolean {
    return !Number.isNaN(this.value);
  }

  reset(): void {
    this.#previous = Number.NaN;
    this.#changes = 0;
    this.#averageGain = 0;
    this.#averageLoss = 0;
    this.value = Number.NaN;
  }
}
