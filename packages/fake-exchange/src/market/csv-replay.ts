import type { Bar } from '@tradewind/engine';
import type { Interval } from './intervals.ts';
import type { Kline, KlineQuery, Market } from './market.ts';

/**
 * A market that replays recorded bars (e.g. a CSV parsed by the engine's `parseOhlcv`). Klines
 * of an interval aggregate the bars opening inside each candle; candles without bars are left
 * out, as an exchange leaves out the minutes it was down. `shiftTo` moves the whole series so
 * its first bar opens at that time (replaying old data as if it were recent).
 */
export function csvReplay(bars: readonly Bar[], shiftTo?: number): Market {
  const shift = shiftTo === undefined ? 0 : shiftTo - (bars[0]?.time ?? 0);
  const series = bars.map((bar) => ({ ...bar, time: bar.time + shift }));

  /** Index of the first bar opening at or after `time`. */
  function firstAtOrAfter(time: number): number {
    let low = 0;
    let high = series.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((series[middle] as Bar).time < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  function aggregate(interval: Interval, group: readonly Bar[]): Kline {
    const first = group[0] as Bar;
    const openTime = interval.align(first.time);
    return {
      openTime,
      open: first.open,
      high: Math.max(...group.map((bar) => bar.high)),
      low: Math.min(...group.map((bar) => bar.low)),
      close: (group[group.length - 1] as Bar).close,
      volume: group.reduce((sum, bar) => sum + bar.volume, 0),
      closeTime: interval.next(openTime) - 1,
      trades: group.length,
    };
  }

  return {
    price(time) {
      const index = firstAtOrAfter(time + 1) - 1;
      return index < 0 ? (series[0] as Bar).open : (series[index] as Bar).close;
    },
    klines(interval, query: KlineQuery) {
      const from =
        query.startTime === undefined ? 0 : firstAtOrAfter(interval.align(query.startTime));
      // Bars after `now` have not happened yet, even inside the current candle.
      const to = Math.min(
        firstAtOrAfter(interval.next(interval.align(query.endTime))),
        firstAtOrAfter(query.now + 1),
      );
      const groups: Bar[][] = [];
      for (const bar of series.slice(from, to)) {
        const previous = groups[groups.length - 1];
        const head = previous?.[0];
        if (head !== undefined && interval.align(head.time) === interval.align(bar.time)) {
          previous?.push(bar);
        } else {
          groups.push([bar]);
        }
      }
      const candles = groups
        .map((group) => aggregate(interval, group))
        .filter(
          (candle) =>
            candle.openTime <= query.endTime &&
            (query.startTime === undefined || candle.openTime >= query.startTime),
        );
      return query.startTime === undefined
        ? candles.slice(-query.limit)
        : candles.slice(0, query.limit);
    },
  };
}
