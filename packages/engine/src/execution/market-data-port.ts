import type { Timeframe } from '@tradewind/core';
import type { Bar } from '../data/bar.ts';
import type { Instrument } from './instrument.ts';

/** Bars opening in `[from, to)` (epoch ms). */
export type BarRange = { readonly from: number; readonly to: number };

/**
 * Where a venue's prices come from: the simulator, a ccxt exchange, or stored candles in front
 * of one. Bars are addressed by their open time aligned to the timeframe; a closed bar never
 * changes, so a restarted bot replays what it saw. A time with no bar between two bars is a gap
 * in the venue's data: a port reports it by leaving it out, never by inventing a bar.
 *
 * Async because a live venue answers over the network; failures reject with a `PROVIDER_ERROR`
 * DomainError (the caller waits and retries, nothing is filled meanwhile).
 */
export type MarketDataPort = {
  /** The venue's name as bots and trades carry it (`simulator`, `binance`). */
  readonly venue: string;
  /** `time` rounded down to the open of its bar. */
  align(timeframe: Timeframe, time: number): number;
  /** Closed bars opening in the range, oldest first (history by range: warm-ups, backfills). */
  history(symbol: string, timeframe: Timeframe, range: BarRange): Promise<Bar[]>;
  /**
   * Closed candles as they close: at most `limit` closed bars opening at or after `from`, oldest
   * first; empty until one has closed. A first bar later than `from` means the venue has no bar
   * at `from` (a gap).
   */
  closedBars(symbol: string, timeframe: Timeframe, from: number, limit: number): Promise<Bar[]>;
  /** The market's trading rules, or undefined where any quantity trades (simulated markets). */
  instrument(symbol: string): Promise<Instrument | undefined>;
};
