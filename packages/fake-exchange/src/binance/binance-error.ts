/** An error answered the way Binance answers it: an HTTP status and `{ code, msg }`. */
export class BinanceError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** Extra headers, e.g. Retry-After on 429 and 418. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'BinanceError';
  }

  toJSON(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}
