import type { BarFeed } from './bar-feed.ts';
import type { MarketFeed } from './market-feed.ts';

/**
 * The simulator as a bot's feed. Its bars are accelerated (a bar per runner tick, ahead of the
 * clock), so every bar counts as closed.
 */
export function simulatorFeed(market: MarketFeed): BarFeed {
  return {
    align: (timeframe, time) => market.align(timeframe, time),
    history: async (symbol, timeframe, time, count) =>
      market.history(symbol, timeframe, time, count),
    closedBar: async (symbol, timeframe, time) => market.barAt(symbol, timeframe, time),
  };
}
