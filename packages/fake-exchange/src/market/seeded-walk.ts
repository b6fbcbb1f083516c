import { BrownianBridge } from './brownian-bridge.ts';
import { candleOpenTimes } from './candle-open-times.ts';
import type { Interval } from './intervals.ts';
import { MINUTE } from './intervals.ts';
import type { Kline, KlineQuery, Market } from './market.ts';
import { gaussian, hashString, uniform } from './random.ts';
import { roundTo } from './round-to.ts';

export type SeededWalkSettings = {
  readonly seed: number;
  readonly symbol: string;
  /** The price the walk wanders around (every epoch starts and ends here). */
  readonly price: number;
  /** Standard deviation of the log-price change per minute. */
  readonly volatility: number;
  readonly tickSize: number;
  readonly stepSize: number;
  /** Mean traded base quantity per minute. */
  readonly volumePerMinute: number;
};

/** About this many prices are sampled inside each candle for its high and low. */
const SAMPLES_PER_CANDLE = 60;

/**
 * A deterministic market: prices from a seeded Brownian bridge sampled per minute, so the same
 * (seed, symbol, interval, open time) always gives the same candle, whatever was asked before.
 * A candle opens at the price of its first minute and closes at the next candle's open; its
 * high and low come from prices sampled inside it (every minute up to 1h candles).
 */
export function seededWalk(settings: SeededWalkSettings): Market {
  const symbol = hashString(settings.symbol);
  const bridge = new BrownianBridge(settings.seed, symbol, settings.volatility);
  const toPrice = (value: number) => roundTo(settings.price * Math.exp(value), settings.tickSize);

  function candle(openTime: number, next: number, now: number, extremes: [number, number]): Kline {
    const first = openTime / MINUTE;
    const last = Math.floor(Math.min(next, now) / MINUTE);
    const openValue = bridge.at(first);
    const closeValue = bridge.at(last);
    const draw = (key: number) => uniform(settings.seed, symbol, first, key);
    // Wicks a little beyond the sampled prices, keyed by the open time.
    const wick = settings.volatility / 2;
    const high =
      Math.max(openValue, closeValue, extremes[0]) +
      wick * Math.abs(gaussian(settings.seed, symbol, first, 3));
    const low =
      Math.min(openValue, closeValue, extremes[1]) -
      wick * Math.abs(gaussian(settings.seed, symbol, first, 4));
    const minutes = Math.max(1, last - first);
    return {
      openTime,
      open: toPrice(openValue),
      high: toPrice(high),
      low: toPrice(low),
      close: toPrice(closeValue),
      volume: roundTo(settings.volumePerMinute * minutes * (0.5 + draw(5)), settings.stepSize),
      closeTime: next - 1,
      trades: Math.max(1, Math.round(minutes * 20 * draw(6))),
    };
  }

  return {
    price: (time) => toPrice(bridge.at(Math.floor(time / MINUTE))),
    klines(interval: Interval, query: KlineQuery) {
      const openTimes = candleOpenTimes(interval, query);
      const firstOpen = openTimes[0];
      if (firstOpen === undefined) return [];
      const span = (interval.next(firstOpen) - firstOpen) / MINUTE;
      const step = 2 ** Math.floor(Math.log2(Math.max(1, span / SAMPLES_PER_CANDLE)));
      const ends = openTimes.map((openTime) => Math.min(interval.next(openTime), query.now));
      // Highest and lowest sampled value inside each candle, from one pass over the range.
      const extremes = openTimes.map((): [number, number] => [-Infinity, Infinity]);
      let index = 0;
      const from = firstOpen / MINUTE;
      const to = Math.floor((ends[ends.length - 1] as number) / MINUTE);
      bridge.grid(from, to, step, (minute, value) => {
        while (
          index < openTimes.length - 1 &&
          minute * MINUTE >= (openTimes[index + 1] as number)
        ) {
          index++;
        }
        const range = extremes[index] as [number, number];
        range[0] = Math.max(range[0], value);
        range[1] = Math.min(range[1], value);
      });
      return openTimes.map((openTime, position) =>
        candle(
          openTime,
          interval.next(openTime),
          query.now,
          extremes[position] as [number, number],
        ),
      );
    },
  };
}
