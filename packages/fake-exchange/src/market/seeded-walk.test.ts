import { describe, expect, it } from 'vitest';
import { findInterval, type Interval } from './intervals.ts';
import { seededWalk } from './seeded-walk.ts';

const walk = seededWalk({
  seed: 11,
  symbol: 'BTCUSDT',
  price: 60_000,
  volatility: 0.001,
  tickSize: 0.01,
  stepSize: 0.00001,
  volumePerMinute: 10,
});
const DAY = Date.UTC(2025, 4, 20);
const NOW = DAY + 3 * 86_400_000;

function interval(name: string): Interval {
  const found = findInterval(name);
  if (found === undefined) throw new Error(name);
  return found;
}

describe('the seeded walk', () => {
  it('agrees across intervals: an hour opens and closes where its minutes do', () => {
    const hours = walk.klines(interval('1h'), {
      startTime: DAY,
      endTime: NOW,
      limit: 24,
      now: NOW,
    });
    const minutes = walk.klines(interval('1m'), {
      startTime: DAY,
      endTime: NOW,
      limit: 1000,
      now: NOW,
    });
    for (const [index, hour] of hours.slice(0, 16).entries()) {
      expect(hour.open).toBe(minutes[index * 60]?.open);
      expect(hour.close).toBe(minutes[index * 60 + 59]?.close);
      // Sampled every minute, an hour's range holds its minutes' closes.
      const closes = minutes.slice(index * 60, index * 60 + 60).map((minute) => minute.close);
      expect(hour.high).toBeGreaterThanOrEqual(Math.max(...closes));
      expect(hour.low).toBeLessThanOrEqual(Math.min(...closes));
    }
  });

  it('gives a candle the same values whichever page it is fetched in', () => {
    const page = walk.klines(interval('1d'), { startTime: DAY, endTime: NOW, limit: 3, now: NOW });
    const latest = walk.klines(interval('1d'), { endTime: DAY + 86_400_000, limit: 2, now: NOW });
    expect(latest).toEqual(page.slice(0, 2));
  });

  it('ends the candle in progress at now, with the ticker’s price as its close', () => {
    const now = DAY + 90 * 60_000 + 30_000;
    const [current] = walk.klines(interval('1h'), { endTime: now, limit: 1, now });
    expect(current?.openTime).toBe(DAY + 3_600_000);
    expect(current?.close).toBe(walk.price(now));
  });
});
