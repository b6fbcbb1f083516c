import type { Bar, Strategy } from '@tradewind/engine';

/** A user's strategy with a bug: after `bars` bars it reads a field of nothing and throws. */
export class ExplodingStrategy implements Strategy {
  readonly name = 'Exploding';
  readonly warmupBars = 1;
  #seen = 0;
  readonly #bars: number;

  constructor(bars: number) {
    this.#bars = bars;
  }

  onBar(bar: Bar): void {
    if (++this.#seen > this.#bars) this.#explode(bar);
  }

  #explode(bar: Bar): never {
    throw new Error(`no indicator for bar ${bar.time}`);
  }
}
