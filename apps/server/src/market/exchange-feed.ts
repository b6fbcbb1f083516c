import type { Timeframe } from '@tradewind/core';
import type { Database } from '@tradewind/db';
import type { Bar } from '@tradewind/engine';
import type { ExchangeClient } from '@tradewind/venues';
import type { BarFeed } from './bar-feed.ts';
import { readExchangeCandles, storeExchangeCandles } from './exchange-candles.ts';
import { TIMEFRAME_MS } from './timeframes.ts';

/**
 * An exchange's closed candles as a bot's feed (freqtrade's dry-run prices). A bar is asked for
 * once the clock has passed its close (the runner polls at each tick, so at the timeframe's
 * boundary); the candles table answers first, and what the exchange sends is stored there
 * (venue-keyed, shared), so a restarted bot replays exactly the bars it saw. Exchange failures
 * reject with the venue's PROVIDER_ERROR: the runner waits, nothing is invented.
 */
export class ExchangeFeed implements BarFeed {
  readonly #client: ExchangeClient;
  readonly #db: Database;
  readonly #now: () => Date;

  constructor(client: ExchangeClient, db: Database, now: () => Date) {
    this.#client = client;
    this.#db = db;
    this.#now = now;
  }

  align(timeframe: Timeframe, time: number): number {
    const step = TIMEFRAME_MS[timeframe];
    return Math.floor(time / step) * step;
  }

  async history(symbol: string, timeframe: Timeframe, time: number, count: number): Promise<Bar[]> {
    const step = TIMEFRAME_MS[timeframe];
    const end = Math.min(time, this.#lastClose(timeframe));
    const from = end - count * step;
    const series = this.#series(symbol, timeframe);
    const stored = await readExchangeCandles(this.#db, series, from, end);
    if (stored.length === count) return stored;
    const fetched = await this.#client.fetchCandles(symbol, timeframe, from, count);
    const closed = fetched.filter((bar) => bar.time >= from && bar.time < end);
    await storeExchangeCandles(this.#db, series, closed);
    return closed;
  }

  async closedBar(symbol: string, timeframe: Timeframe, time: number): Promise<Bar | undefined> {
    if (time + TIMEFRAME_MS[timeframe] > this.#now().getTime()) return undefined;
    const series = this.#series(symbol, timeframe);
    const [stored] = await readExchangeCandles(this.#db, series, time, time + 1);
    if (stored !== undefined) return stored;
    const fetched = await this.#client.fetchCandles(symbol, timeframe, time, 1);
    const bar = fetched.find((candle) => candle.time === time);
    if (bar !== undefined) await storeExchangeCandles(this.#db, series, [bar]);
    return bar;
  }

  /** The close of the last bar that has closed: history never includes the bar in progress. */
  #lastClose(timeframe: Timeframe): number {
    return this.align(timeframe, this.#now().getTime());
  }

  #series(symbol: string, timeframe: Timeframe) {
    return { venue: this.#client.exchangeId, symbol, timeframe };
  }
}
