import type { Timeframe } from '@tradewind/core';
import type { Bar } from '@tradewind/engine';

/**
 * Where a running bot gets its bars: the simulator, or an exchange's closed candles. Bars are
 * addressed by their open time, aligned to the timeframe; a bar once answered never changes, so
 * a restarted runner replays from a bot's last processed bar and sees what it saw before.
 */
export type BarFeed = {
  /** `time` rounded down to the start of its bar. */
  align(timeframe: Timeframe, time: number): number;
  /** The `count` bars before `time` (exclusive), oldest first: a bot's startup candles. */
  history(symbol: string, timeframe: Timeframe, time: number, count: number): Promise<Bar[]>;
  /**
   * The bar of `symbol` opening at `time` once it has closed; undefined while it is still open.
   * Rejects with a PROVIDER_ERROR DomainError while the source cannot be reached.
   */
  closedBar(symbol: string, timeframe: Timeframe, time: number): Promise<Bar | undefined>;
};
