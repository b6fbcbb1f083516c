import { SIMULATOR_FEED, TIMEFRAME_MS, type Timeframe } from '@tradewind/core';
import type { Bar, MarketDataPort } from '@tradewind/engine';

/** The synchronous lookups of a simulated market: `SimulatedMarket`, or a test's scripted one. */
export type SimulatedBars = {
  align(timeframe: Timeframe, time: number): number;
  /** The bar opening at `time` (aligned); every simulated time has one. */
  barAt(symbol: string, timeframe: Timeframe, time: number): Bar;
};

/**
 * The simulator as a market-data port. Its bars are accelerated (a bar per runner tick, ahead of
 * the clock), so every bar counts as closed; it has no gaps and no trading rules.
 */
export function simulatorMarketData(market: SimulatedBars): MarketDataPort {
  // The open of the first bar at or after `from`.
  const firstOpen = (timeframe: Timeframe, from: number): number => {
    const aligned = market.align(timeframe, from);
    return aligned < from ? aligned + TIMEFRAME_MS[timeframe] : aligned;
  };
  const bars = (symbol: string, timeframe: Timeframe, from: number, count: number): Bar[] => {
    const step = TIMEFRAME_MS[timeframe];
    const start = firstOpen(timeframe, from);
    const result: Bar[] = [];
    for (let i = 0; i < count; i++) result.push(market.barAt(symbol, timeframe, start + i * step));
    return result;
  };
  return {
    venue: SIMULATOR_FEED,
    align: (timeframe, time) => market.align(timeframe, time),
    history: async (symbol, timeframe, { from, to }) => {
      const start = firstOpen(timeframe, from);
      const count = Math.max(0, Math.ceil((to - start) / TIMEFRAME_MS[timeframe]));
      return bars(symbol, timeframe, start, count);
    },
    closedBars: async (symbol, timeframe, from, limit) => bars(symbol, timeframe, from, limit),
    instrument: async () => undefined,
  };
}
