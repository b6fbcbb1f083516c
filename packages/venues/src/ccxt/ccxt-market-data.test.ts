import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccxtMarketData } from './ccxt-market-data.ts';
import { createVenues } from './create-venues.ts';

const MINUTE = 60_000;
const START = Date.UTC(2025, 5, 2, 9);
// Minute 09:02 is missing: the exchange was down.
const CSV = `Date,Time,Open,High,Low,Close,Volume
2025-06-02,09:00:00,100,101,99,100.5,10
2025-06-02,09:01:00,100.5,102,100,101,20
2025-06-02,09:03:00,101,101.5,98,98.5,30
2025-06-02,09:04:00,98.5,99,97,98,40
2025-06-02,09:05:00,98,99,97,98.5,50
`;

const clock = { now: START + 5 * MINUTE + 30_000 };
let fake: FakeExchange;
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ccxt-market-data-'));
  const csv = join(directory, 'gap.csv');
  await writeFile(csv, CSV);
  fake = await startFakeExchange({
    seed: 5,
    limits: false,
    now: () => clock.now,
    symbols: [
      { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', price: 60_000 },
      { symbol: 'GAPUSDT', baseAsset: 'GAP', quoteAsset: 'USDT', price: 100, csv },
    ],
  });
});
afterAll(async () => {
  await fake.close();
  await rm(directory, { recursive: true });
});

function port() {
  const venues = createVenues({
    urlOverrides: { binance: fake.url },
    extraExchanges: [],
    allowPrivateUrls: true,
  });
  return ccxtMarketData(venues.client({ exchangeId: 'binance' }), () => clock.now);
}

describe('an exchange as a market-data port', () => {
  it('pages history by range, closed candles only', async () => {
    const from = START - 1500 * MINUTE;
    const bars = await port().history('BTC/USDT', '1m', { from, to: START + 10 * MINUTE });
    // 1,500 before START plus 09:00 .. 09:04; the 09:05 candle is still open.
    expect(bars).toHaveLength(1505);
    expect(bars.every((bar, i) => bar.time === from + i * MINUTE)).toBe(true);
  });

  it('answers a candle once it has closed, never the one in progress', async () => {
    const market = port();
    expect(await market.closedBars('BTC/USDT', '1m', START + 5 * MINUTE, 1)).toEqual([]);
    const [bar] = await market.closedBars('BTC/USDT', '1m', START + 4 * MINUTE, 1);
    expect(bar?.time).toBe(START + 4 * MINUTE);
  });

  it('leaves a missing candle missing: the next closed one comes instead, nothing invented', async () => {
    const market = port();
    const after = await market.closedBars('GAP/USDT', '1m', START + 2 * MINUTE, 1);
    expect(after.map((bar) => [bar.time, bar.close])).toEqual([[START + 3 * MINUTE, 98.5]]);
    const history = await market.history('GAP/USDT', '1m', { from: START, to: START + 5 * MINUTE });
    expect(history.map((bar) => (bar.time - START) / MINUTE)).toEqual([0, 1, 3, 4]);
  });
});
