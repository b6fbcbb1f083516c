import type { Interval } from './intervals.ts';
import type { KlineQuery } from './market.ts';

/**
 * Open times of the candles a klines query selects, oldest first: the first `limit` opening at
 * or after `startTime`, or without it the last `limit` opening at or before `endTime`.
 */
export function candleOpenTimes(interval: Interval, query: KlineQuery): number[] {
  const openTimes: number[] = [];
  if (query.startTime !== undefined) {
    let openTime = interval.align(query.startTime);
    if (openTime < query.startTime) openTime = interval.next(openTime);
    while (openTime <= query.endTime && openTimes.length < query.limit) {
      openTimes.push(openTime);
      openTime = interval.next(openTime);
    }
    return openTimes;
  }
  let openTime = interval.align(query.endTime);
  while (openTimes.length < query.limit) {
    openTimes.push(openTime);
    openTime = interval.previous(openTime);
  }
  return openTimes.reverse();
}
