import { TIMEFRAME_MS, type Timeframe } from '@tradewind/core';
import type { Database } from '@tradewind/db';
import type { Bar, MarketDataPort } from '@tradewind/engine';
import { readExchangeCandles, storeExchangeCandles } from './exchange-candles.ts';

/**
 * The candles table in front of an exchange's market data: stored candles answer first, and
 * what the exchange sends is stored (venue-keyed, shared), so a restarted bot replays exactly
 * the bars it saw. Gaps stay gaps: a missing candle is asked of the exchange again, never made
 * up. Exchange failures reject with the venue's PROVIDER_ERROR.
 */
export function storedMarketData(source: MarketDataPort, db: Database): MarketDataPort {
  const series = (symbol: string, timeframe: Timeframe) => ({
    venue: source.venue,
    symbol,
    timeframe,
  });
  return {
    venue: source.venue,
    align: (timeframe, time) => source.align(timeframe, time),
    instrument: (symbol) => source.instrument(symbol),
    async history(symbol, timeframe, range) {
      const stored = await readExchangeCandles(db, series(symbol, timeframe), range.from, range.to);
      if (stored.length === Math.ceil((range.to - range.from) / TIMEFRAME_MS[timeframe])) {
        return stored;
      }
      const fetched = await source.history(symbol, timeframe, range);
      await storeExchangeCandles(db, series(symbol, timeframe), fetched);
      return fetched;
    },
    async closedBars(symbol, timeframe, from, limit) {
      const step = TIMEFRAME_MS[timeframe];
      const stored = await readExchangeCandles(
        db,
        series(symbol, timeframe),
        from,
        from + limit * step,
      );
      const contiguous = stored.filter((bar, i) => bar.time === from + i * step);
      if (contiguous.length > 0) return contiguous;
      const fetched: Bar[] = await source.closedBars(symbol, timeframe, from, limit);
      await storeExchangeCandles(db, series(symbol, timeframe), fetched);
      return fetched;
    },
  };
}
