export type Admission =
  | {
      action: 'send' /** Messages dropped since the last send: tell the client first. */;
      dropped: number;
    }
  | { action: 'drop' }
  | { action: 'disconnect' };

/**
 * Bounds what a connection may hold unsent. Past `maxBufferedBytes` its messages are dropped
 * (counted, and announced once it catches up); still behind after `stallMs`, it is cut off.
 * Either way server memory per connection stays bounded by the limit.
 */
export class SlowConsumerGuard {
  readonly #maxBufferedBytes: number;
  readonly #stallMs: number;
  #dropped = 0;
  #behindSince: number | undefined;

  constructor(options: { maxBufferedBytes: number; stallMs: number }) {
    this.#maxBufferedBytes = options.maxBufferedBytes;
    this.#stallMs = options.stallMs;
  }

  admit(bufferedBytes: number, now = Date.now()): Admission {
    if (bufferedBytes > this.#maxBufferedBytes) {
      this.#behindSince ??= now;
      if (now - this.#behindSince > this.#stallMs) return { action: 'disconnect' };
      this.#dropped++;
      return { action: 'drop' };
    }
    const dropped = this.#dropped;
    this.#dropped = 0;
    this.#behindSince = undefined;
    return { action: 'send', dropped };
  }
}
