import { readOhlcv } from '@tradewind/testing/fixtures';
import { describe, expect, it } from 'vitest';
import { observedPeriodsPerYear, parseOhlcv } from '../src/index.ts';

describe('parseOhlcv on the OHLCV fixtures', () => {
  it('reads the daily Yahoo files whole', () => {
    const orcl = parseOhlcv(readOhlcv('orcl-1995-2014.txt'));
    expect(orcl).toHaveLength(5036);
    expect(orcl[0]).toEqual({
      time: Date.UTC(1995, 0, 3),
      open: 2.179012,
      high: 2.191358,
      low: 2.117284,
      close: 2.117284,
      volume: 36301200,
    });
    expect(orcl.at(-1)?.time).toBe(Date.UTC(2014, 11, 31));
    expect(parseOhlcv(readOhlcv('nvda-1999-2014.txt'))).toHaveLength(4012);
    expect(parseOhlcv(readOhlcv('yhoo-1996-2015.txt'))).toHaveLength(4965);
  });

  it('reads the 5-minute file with its separate Time column', () => {
    const bars = parseOhlcv(readOhlcv('2006-min-005.txt'));
    expect(bars).toHaveLength(2142);
    expect(bars[0]?.time).toBe(Date.UTC(2006, 0, 2, 9, 5));
    expect(bars[1]?.time).toBe(Date.UTC(2006, 0, 2, 9, 10));
    expect(bars[0]?.close).toBe(3582.99);
  });
});

describe('annualisation on the OHLCV fixtures', () => {
  it('observes about 252 trading days a year in daily stock bars', () => {
    const times = parseOhlcv(readOhlcv('orcl-1995-2014.txt')).map((bar) => bar.time);
    expect(observedPeriodsPerYear(times)).toBeGreaterThan(251);
    expect(observedPeriodsPerYear(times)).toBeLessThan(253);
  });
});
