import { gaussian } from './random.ts';

/** Length of one pinned epoch in minutes (2^19 minutes, about 364 days). */
export const EPOCH_MINUTES = 2 ** 19;

/**
 * A seeded Brownian bridge over minutes, pinned to 0 at every epoch boundary: the log-price
 * offset of the fake market.
 *
 * Built by midpoint subdivision: the value at the midpoint of [a, b] is the mean of the ends
 * plus `sigma * sqrt((b - a) / 4)` times a normal draw keyed by (seed, symbol, epoch, midpoint);
 * every dyadic midpoint belongs to exactly one level, so the minute itself is the key. Any
 * minute is reached in 19 halvings, without walking from a start, and consecutive minutes
 * differ like a random walk with per-minute standard deviation `sigma`. Pinning each epoch keeps
 * prices in a plausible band forever.
 */
export class BrownianBridge {
  constructor(
    private readonly seed: number,
    private readonly symbol: number,
    private readonly sigma: number,
  ) {}

  /** The value at one minute. */
  at(minute: number): number {
    const epoch = Math.floor(minute / EPOCH_MINUTES);
    const offset = minute - epoch * EPOCH_MINUTES;
    let low = 0;
    let high = EPOCH_MINUTES;
    let lowValue = 0;
    let highValue = 0;
    while (offset !== low) {
      const middle = (low + high) / 2;
      const middleValue = this.#middle(epoch, low, high, lowValue, highValue);
      if (offset < middle) {
        high = middle;
        highValue = middleValue;
      } else {
        low = middle;
        lowValue = middleValue;
      }
    }
    return lowValue;
  }

  /**
   * Calls `visit` with every multiple of `step` (a power of two) in [from, to], in order, and
   * its value; costs one draw per point plus one descent, however long the range.
   */
  grid(from: number, to: number, step: number, visit: (minute: number, value: number) => void) {
    for (let epoch = Math.floor(from / EPOCH_MINUTES); epoch * EPOCH_MINUTES <= to; epoch++) {
      const base = epoch * EPOCH_MINUTES;
      const descend = (low: number, high: number, lowValue: number, highValue: number): void => {
        if (base + high <= from || base + low > to) return;
        if (high - low <= step) {
          if (base + low >= from) visit(base + low, lowValue);
          return;
        }
        const middle = (low + high) / 2;
        const middleValue = this.#middle(epoch, low, high, lowValue, highValue);
        descend(low, middle, lowValue, middleValue);
        descend(middle, high, middleValue, highValue);
      };
      descend(0, EPOCH_MINUTES, 0, 0);
    }
  }

  #middle(epoch: number, low: number, high: number, lowValue: number, highValue: number): number {
    const spread = this.sigma * Math.sqrt((high - low) / 4);
    return (
      (lowValue + highValue) / 2 +
      spread * gaussian(this.seed, this.symbol, epoch, (low + high) / 2)
    );
  }
}
