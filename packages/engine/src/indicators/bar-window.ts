import type { Bar } from '../data/bar.ts';
import { assertPeriod } from './period.ts';

/**
 * The last `size` bars a strategy was given, newest first: a per-symbol view of history up to the
 * current bar only (there is nothing later to read). Fields are copied into ring buffers, so the
 * engine may reuse its bar object. `close(0)` is the current bar's close, `close(1)` the one
 * before; an index past what is held gives NaN.
 */
export class BarWindow {
  readonly size: number;
  #time: Float64Array;
  #open: Float64Array;
  #high: Float64Array;
  #low: Float64Array;
  #close: Float64Array;
  #volume: Float64Array;
  #next = 0;
  #count = 0;

  constructor(size: number) {
    assertPeriod('size', size);
    this.size = size;
    this.#time = new Float64Array(size);
    this.#open = new Float64Array(size);
    this.#high = new Float64Array(size);
    this.#low = new Float64Array(size);
    this.#close = new Float64Array(size);
    this.#volume = new Float64Array(size);
  }

  /** Records the current bar. */
  update(bar: Bar): void {
    const index = this.#next;
    this.#time[index] = bar.time;
    this.#open[index] = bar.open;
    this.#high[index] = bar.high;
    this.#low[index] = bar.low;
    this.#close[index] = bar.close;
    this.#volume[index] = bar.volume;
    this.#next = index + 1 === this.size ? 0 : index + 1;
    if (this.#count < this.size) this.#count++;
  }

  /** Bars held: at most `size`. */
  get length(): number {
    return this.#count;
  }

  time(ago = 0): number {
    return this.#read(this.#time, ago);
  }
  open(ago = 0): number {
    return this.#read(this.#open, ago);
  }
  high(ago = 0): number {
    return this.#read(this.#high, ago);
  }
  low(ago = 0): number {
    return this.#read(this.#low, ago);
  }
  close(ago = 0): number {
    return this.#read(this.#close, ago);
  }
  volume(ago = 0): number {
    return this.#read(this.#volume, ago);
  }

  #read(column: Float64Array, ago: number): number {
    if (!(ago >= 0 && ago < this.#count) || !Number.isInteger(ago)) return Number.NaN;
    const index = (this.#next - 1 - ago + this.size) % this.size;
    return column[index] as number;
  }
}
