import { DomainError } from '@tradewind/core';
import { assertPeriod } from './period.ts';

/**
 * Bollinger bands: `middle = SMA(period)`, `upper/lower = middle ± multiplier * σ`, where σ is
 * the population standard deviation (divide by `period`, as Bollinger and TA-Lib do) of the
 * same window.
 *
 * O(1) and allocation-free: mean and sum of squared deviations slide with Welford's update
 * (stable, unlike `Σx² - (Σx)²/n`, which cancels catastrophically on prices like 3,000 ± 1);
 * both are recomputed exactly from the window each time the ring wraps, to stop drift.
 */
export class BollingerBands {
  readonly period: number;
  readonly multiplier: number;
  readonly warmupPeriod: number;
  middle = Number.NaN;
  upper = Number.NaN;
  lower = Number.NaN;
  standardDeviation = Number.NaN;
  #window: Float64Array;
  #index = 0;
  #count = 0;
  #mean = 0;
  #squaredDeviations = 0;

  constructor(period = 20, multiplier = 2) {
    assertPeriod('period', period, 2);
    if (!(multiplier > 0) || !Number.isFinite(multiplier)) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `multiplier must be a positive number (got ${multiplier})`,
        { field: 'multiplier' },
      );
    }
    this.period = period;
    this.multiplier = multiplier;
    this.warmupPeriod = period;
    this.#window = new Float64Array(period);
  }

  /** Adds one close and returns the middle band (NaN until warm); see the fields for the rest. */
  update(close: number): number {
    const window = this.#window;
    const index = this.#index;
    const period = this.period;
    if (this.#count < period) {
      this.#count++;
      const delta = close - this.#mean;
      this.#mean += delta / this.#count;
      this.#squaredDeviations += delta * (close - this.#mean);
    } else {
      const removed = window[index] as number;
      const previousMean = this.#mean;
      const mean = previousMean + (close - removed) / period;
      this.#squaredDeviations += (close - removed) * (close - mean + removed - previousMean);
      this.#mean = mean;
    }
    window[index] = close;
    if (index + 1 === period) {
      this.#index = 0;
      this.#resync();
    } else {
      this.#index = index + 1;
    }
    if (this.#count < period) return this.middle;
    const deviation = Math.sqrt(Math.max(0, this.#squaredDeviations) / period);
    this.middle = this.#mean;
    this.standardDeviation = deviation;
    this.upper = this.#mean + this.multiplier * deviation;
    this.lower = this.#mean - this.multiplier * deviation;
    return this.middle;
  }

  get isWarm(): boolean {
    return this.#count === this.period;
  }

  reset(): void {
    this.#window.fill(0);
    this.#index = 0;
    this.#count = 0;
    this.#mean = 0;
    this.#squaredDeviations = 0;
    this.middle = Number.NaN;
    this.upper = Number.NaN;
    this.lower = Number.NaN;
    this.standardDeviation = Number.NaN;
  }

  #resync(): void {
    const window = this.#window;
    const period = this.period;
    let sum = 0;
    for (let i = 0; i < period; i++) sum += window[i] as number;
    const mean = sum / period;
    let squares = 0;
    for (let i = 0; i < period; i++) {
      const deviation = (window[i] as number) - mean;
      squares += deviation * deviation;
    }
    this.#mean = mean;
    this.#squaredDeviations = squares;
  }
}
