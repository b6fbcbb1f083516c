import { assertPeriod } from './period.ts';

/**
 * Simple moving average over the last `period` values, O(1) per update and allocation-free.
 *
 * Keeps a running sum in a ring buffer. Why the resync: a running sum drifts by one rounding
 * error per update, so each time the ring wraps the sum is recomputed from the window, which
 * bounds the error to one window's worth (as a naive sum) at an amortised cost of one add per bar.
 */
export class SMA {
  readonly period: number;
  /** Values needed before `value` is defined. */
  readonly warmupPeriod: number;
  /** The latest average; NaN until warm. */
  value = Number.NaN;
  #window: Float64Array;
  #index = 0;
  #count = 0;
  #sum = 0;

  constructor(period: number) {
    assertPeriod('period', period);
    this.period = period;
    this.warmupPeriod = period;
    this.#window = new Float64Array(period);
  }

  /** Adds one value and returns the average of the last `period` values (NaN until warm). */
  update(input: number): number {
    const window = this.#window;
    const index = this.#index;
    // The window starts zero-filled, so during warm-up this adds exactly `input`.
    this.#sum += input - (window[index] as number);
    window[index] = input;
    if (index + 1 === this.period) this.#resync();
    else this.#index = index + 1;
    if (++this.#count >= this.period) this.value = this.#sum / this.period;
    return this.value;
  }

  // Once per wrap, and kept out of `update` so that stays small enough for V8 to inline into
  // its callers (a call that is not inlined boxes the returned double: an allocation per bar).
  #resync(): void {
    const window = this.#window;
    let sum = 0;
    for (let i = 0; i < this.period; i++) sum += window[i] as number;
    this.#sum = sum;
    this.#index = 0;
  }

  /** True once `value` is defined. */
  get isWarm(): boolean {
    return this.#count >= this.period;
  }

  /** Forgets every value, as if freshly constructed. */
  reset(): void {
    this.#window.fill(0);
    this.#index = 0;
    this.#count = 0;
    this.#sum = 0;
    this.value = Number.NaN;
  }
}
