import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeExchange, startFakeExchange } from '../src/index.ts';
import { binanceAt } from './binance-at.ts';

const CSV = `Date,Time,Open,High,Low,Close,Volume
2006-01-02,09:00:00,100.00,101.00,99.50,100.50,10
2006-01-02,09:05:00,100.50,102.00,100.00,101.75,20
2006-01-02,09:10:00,101.75,101.80,98.00,98.25,30
2006-01-02,09:15:00,98.25,99.00,97.50,98.75,40
`;
const SHIFTED = Date.UTC(2025, 0, 1, 9);

describe('replaying a CSV instead of the walk', () => {
  let directory: string;
  let fake: FakeExchange;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'fake-exchange-'));
    const csv = join(directory, 'bars.csv');
    await writeFile(csv, CSV);
    fake = await startFakeExchange({
      limits: false,
      now: () => SHIFTED + 3_600_000,
      symbols: [
        { symbol: 'ABCUSDT', baseAsset: 'ABC', quoteAsset: 'USDT', price: 100, csv },
        {
          symbol: 'XYZUSDT',
          baseAsset: 'XYZ',
          quoteAsset: 'USDT',
          price: 100,
          csv,
          csvShiftTo: SHIFTED,
        },
      ],
    });
  });
  afterAll(async () => {
    await fake.close();
    await rm(directory, { recursive: true });
  });

  it('serves the bars as they are, and aggregated to longer intervals', async () => {
    const binance = binanceAt(fake.url);
    const start = Date.UTC(2006, 0, 2, 9);
    expect(await binance.fetchOHLCV('ABC/USDT', '5m', start, 10)).toEqual([
      [start, 100, 101, 99.5, 100.5, 10],
      [start + 300_000, 100.5, 102, 100, 101.75, 20],
      [start + 600_000, 101.75, 101.8, 98, 98.25, 30],
      [start + 900_000, 98.25, 99, 97.5, 98.75, 40],
    ]);
    expect(await binance.fetchOHLCV('ABC/USDT', '15m', start, 10)).toEqual([
      [start, 100, 102, 98, 98.25, 60],
      [start + 900_000, 98.25, 99, 97.5, 98.75, 40],
    ]);
    expect((await binance.fetchTicker('ABC/USDT')).last).toBe(98.75);
  });

  it('moves the series in time with csvShiftTo, hiding bars after the server’s now', async () => {
    const binance = binanceAt(fake.url);
    const candles = await binance.fetchOHLCV('XYZ/USDT', '1h', SHIFTED, 10);
    expect(candles).toEqual([[SHIFTED, 100, 102, 97.5, 98.75, 100]]);
    const early = await startFakeExchange({
      limits: false,
      now: () => SHIFTED + 300_000,
      symbols: [
        {
          symbol: 'XYZUSDT',
          baseAsset: 'XYZ',
          quoteAsset: 'USDT',
          price: 100,
          csv: join(directory, 'bars.csv'),
          csvShiftTo: SHIFTED,
        },
      ],
    });
    try {
      // Five minutes in, the hour so far holds the first two bars.
      expect(await binanceAt(early.url).fetchOHLCV('XYZ/USDT', '1h', SHIFTED, 10)).toEqual([
        [SHIFTED, 100, 102, 99.5, 101.75, 30],
      ]);
    } finally {
      await early.close();
    }
  });
});
