import { TIMEFRAME_MS, type Timeframe } from '@tradewind/core';
import type { Bar, MarketDataPort } from '@tradewind/engine';
import type { ExchangeClient } from '../venue-types.ts';

/** Candles one klines request asks for (Binance's maximum page). */
const PAGE = 1000;

/**
 * An exchange's candles as a market-data port. A candle counts as closed once the clock has
 * passed its close; the candle in progress is never answered. Candles the exchange does not have
 * (it was down, the market halted) stay missing: a gap, never an invented bar.
 */
export function ccxtMarketData(client: ExchangeClient, now: () => number): MarketDataPort {
  const align = (timeframe: Timeframe, time: number) =>
    Math.floor(time / TIMEFRAME_MS[timeframe]) * TIMEFRAME_MS[timeframe];
  /** Bars opening before this have closed. */
  const closedBefore = (timeframe: Timeframe) => align(timeframe, now());

  return {
    venue: client.exchangeId,
    align,
    async history(symbol, timeframe, { from, to }) {
      const end = Math.min(to, closedBefore(timeframe));
      const bars: Bar[] = [];
      let since = from;
      while (since < end) {
        const page = await client.fetchCandles(symbol, timeframe, since, PAGE);
        const inRange = page.filter((bar) => bar.time >= since && bar.time < end);
        bars.push(...inRange);
        const last = inRange.at(-1);
        if (last === undefined || page.length < PAGE) break;
        since = last.time + TIMEFRAME_MS[timeframe];
      }
      return bars;
    },
    async closedBars(symbol, timeframe, from, limit) {
      const end = closedBefore(timeframe);
      if (from >= end) return [];
      const page = await client.fetchCandles(symbol, timeframe, from, limit);
      return page.filter((bar) => bar.time >= from && bar.time < end).slice(0, limit);
    },
    instrument: (symbol) => client.fetchInstrument(symbol),
  };
}
