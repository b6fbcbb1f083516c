import type { Interval } from './intervals.ts';

/** One candle as Binance's klines report it (numbers here; formatted to strings on the wire). */
export type Kline = {
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Last millisecond of the candle (`next open - 1`), as Binance reports it. */
  readonly closeTime: number;
  readonly trades: number;
};

/** Which candles a klines request wants; `endTime` is already capped at the server's now. */
export type KlineQuery = {
  readonly startTime?: number;
  readonly endTime: number;
  readonly limit: number;
  readonly now: number;
};

/** The price history of one symbol: the seeded walk or a replayed CSV. */
export type Market = {
  /**
   * Candles opening in [startTime, endTime], oldest first: the first `limit` from `startTime`,
   * or without it the last `limit` up to `endTime` (Binance's klines semantics). The candle
   * holding `now` is partial, as on the real exchange.
   */
  klines(interval: Interval, query: KlineQuery): Kline[];
  /** The last traded price at `time`. */
  price(time: number): number;
};
