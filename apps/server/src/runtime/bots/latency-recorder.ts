import { percentileOfSorted } from '@tradewind/engine';

/**
 * The most recent latency samples (a fixed-size ring, so memory stays bounded however long the
 * runner lives) and their percentiles.
 */
export class LatencyRecorder {
  readonly #samples: Float64Array;
  #count = 0;

  constructor(capacity = 10_000) {
    this.#samples = new Float64Array(capacity);
  }

  record(ms: number): void {
    this.#samples[this.#count % this.#samples.length] = ms;
    this.#count++;
  }

  /** Samples recorded since construction (may exceed the capacity). */
  get count(): number {
    return this.#count;
  }

  /** Percentile `p` (0-100) of the samples held, NaN when there are none. */
  percentile(p: number): number {
    const held = this.#samples.slice(0, Math.min(this.#count, this.#samples.length));
    return percentileOfSorted(held.sort(), p);
  }
}
