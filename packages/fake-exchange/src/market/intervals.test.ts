import { describe, expect, it } from 'vitest';
import { findInterval } from './intervals.ts';

describe('Binance kline intervals', () => {
  it('opens weekly candles on Mondays and monthly ones on the first, in UTC', () => {
    const week = findInterval('1w');
    const month = findInterval('1M');
    const thursday = Date.UTC(2025, 0, 9, 15);
    expect(week?.align(thursday)).toBe(Date.UTC(2025, 0, 6));
    expect(month?.align(thursday)).toBe(Date.UTC(2025, 0, 1));
    expect(month?.next(Date.UTC(2025, 0, 1))).toBe(Date.UTC(2025, 1, 1));
    expect(month?.previous(Date.UTC(2025, 0, 1))).toBe(Date.UTC(2024, 11, 1));
  });

  it('knows only the names Binance serves', () => {
    expect(findInterval('4h')?.align(Date.UTC(2025, 0, 1, 7, 59))).toBe(Date.UTC(2025, 0, 1, 4));
    expect(findInterval('7m')).toBeUndefined();
    expect(findInterval('1s')).toBeUndefined();
  });
});
