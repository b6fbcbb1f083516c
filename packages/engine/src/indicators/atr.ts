import { assertPeriod } from './period.ts';

/**
 * Average true range with Wilder's smoothing.
 *
 * Convention (TA-Lib's): true range needs the previous close,
 * `TR = max(high - low, |high - previous close|, |low - previous close|)`, so the first bar only
 * records its close; the first ATR is the simple mean of the first `period` true ranges
 * (`period + 1` bars), then `ATR = (ATR * (period - 1) + TR) / period`.
 */
export class ATR {
  readonly period: number;
  readonly warmupPeriod: number;
  value = Number.NaN;
  #previousClose = Number.NaN;
  #count = 0;
  #sum = 0;

  constructor(period = 14) {
    assertPeriod('period', period);
    this.period = period;
    this.warmupPeriod = period + 1;
  }

  /** Adds one bar and returns the current ATR (NaN until `period + 1` bars). */
  update(high: number, low: number, close: number): number {
    const previousClose = this.#previousClose;
    this.#previousClose = close;
    if (Number.isNaN(previousClose)) return this.value;
    const trueRange = Math.max(
      high - low,
      Math.abs(high - previousClose),
      Math.abs(low - previousClose),
    );
    const period = this.period;
    if (this.#count < period) {
      this.#count++;
      this.#sum += trueRange;
      if (this.#count === period) this.value = this.#sum / period;
    } else {
      this.value = (this.value * (period - 1) + trueRange) / period;
    }
    return this.value;
  }

  get isWarm(): boolean {
    return !Number.isNaN(this.value);
  }

  reset(): void {
    this.#previousClose = Number.NaN;
    this.#count = 0;
    this.#sum = 0;
    this.value = Number.NaN;
  }
}
