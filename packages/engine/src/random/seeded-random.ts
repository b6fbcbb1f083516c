import { DomainError } from '@tradewind/core';

const TWO_POW_32 = 4_294_967_296;

/**
 * A small, fast, seeded pseudo-random generator (sfc32, seeded through splitmix32), so every
 * random choice in the engine is reproducible from a seed. Not for cryptography.
 */
export class SeededRandom {
  readonly seed: number;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** @param seed any safe integer; the same seed always yields the same sequence. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new DomainError('VALIDATION_ERROR', `seed must be a safe integer (got ${seed})`, {
        field: 'seed',
      });
    }
    this.seed = seed;
    // splitmix32 spreads both halves of the seed over the four state words.
    let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) >>> 0, 0x9e3779b9);
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = splitmix();
    this.#b = splitmix();
    this.#c = splitmix();
    this.#d = splitmix();
    // The first outputs of sfc32 are weakly mixed; skipping a few is the usual practice.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    this.#c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /**
   * An integer in [0, bound). Uses `floor(next() * bound)`: the bias is below bound / 2^32,
   * negligible for the resampling sizes the engine uses.
   */
  nextInt(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** A standard normal draw (Box–Muller); two uniforms per call, none cached, for simplicity. */
  nextGaussian(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
