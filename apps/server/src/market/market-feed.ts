import type { Timeframe } from '@tradewind/core';
import type { Bar } from '@tradewind/engine';

/**
 * Where bots get bars. Bars are addressed by their open time, aligned to the timeframe; the same
 * (symbol, timeframe, time) always answers the same bar, so a restarted runner can replay from
 * a bot's last processed bar and see exactly what it saw before.
 */
export type MarketFeed = {
  /** The bar of `symbol` opening at `time` (epoch ms, aligned to the timeframe). */
  barAt(symbol: string, timeframe: Timeframe, time: number): Bar;
  /** The `count` bars before `time` (exclusive), oldest first: a bot's startup candles. */
  history(symbol: string, timeframe: Timeframe, time: number, count: number): Bar[];
  /** `time` rounded down to the start of its bar. */
  align(timeframe: Timeframe, time: number): number;
};
