import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeExchange, startFakeExchange } from '../src/index.ts';
import { binanceAt } from './binance-at.ts';

const HOUR = 3_600_000;
const SINCE = Date.UTC(2024, 0, 1);

describe('public market data through the real ccxt binance', () => {
  let fake: FakeExchange;

  beforeAll(async () => {
    fake = await startFakeExchange({ seed: 7, limits: false });
  });
  afterAll(() => fake.close());

  it('loads the spot markets with their filters as precision and limits', async () => {
    const binance = binanceAt(fake.url);
    const markets = await binance.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT']);
    const btc = markets['BTC/USDT'];
    expect(btc?.id).toBe('BTCUSDT');
    expect(btc?.precision).toMatchObject({ price: 0.01, amount: 0.00001 });
    expect(btc?.limits.amount).toMatchObject({ min: 0.00001, max: 9000 });
    expect(btc?.limits.cost?.min).toBe(5);
    expect(btc?.limits.price?.min).toBe(0.01);
  });

  it('answers ping and the server time', async () => {
    const binance = binanceAt(fake.url);
    const before = Date.now();
    const serverTime = await binance.fetchTime();
    expect(serverTime).toBeGreaterThanOrEqual(before - 1);
    expect(serverTime).toBeLessThanOrEqual(Date.now() + 1);
    expect(await binance.publicGetPing()).toEqual({});
  });

  it('pages hourly candles 1000 at a time, contiguous and identical on every request', async () => {
    const binance = binanceAt(fake.url);
    const first = await binance.fetchOHLCV('BTC/USDT', '1h', SINCE, 1000);
    expect(first).toHaveLength(1000);
    expect(first[0]?.[0]).toBe(SINCE);
    const second = await binance.fetchOHLCV('BTC/USDT', '1h', SINCE + 1000 * HOUR, 1000);
    expect(second[0]?.[0]).toBe(SINCE + 1000 * HOUR);
    // A page never holds more than Binance's 1000, even when more are asked for.
    const capped = await binance.fetchOHLCV('BTC/USDT', '1h', SINCE, 1500);
    expect(capped).toEqual(first);
    const paged = await binance.fetchOHLCV('BTC/USDT', '1h', SINCE, undefined, {
      paginate: true,
      paginationCalls: 2,
      until: SINCE + 2000 * HOUR - 1,
    });
    expect(paged).toEqual([...first, ...second]);
    for (const [index, candle] of paged.entries()) {
      const [time, open, high, low, close, volume] = candle as number[];
      expect(time).toBe(SINCE + index * HOUR);
      expect(high).toBeGreaterThanOrEqual(Math.max(open as number, close as number));
      expect(low).toBeLessThanOrEqual(Math.min(open as number, close as number));
      expect(volume).toBeGreaterThan(0);
      // Each candle closes at the next one's open: one continuous walk.
      if (index > 0) expect(paged[index - 1]?.[4]).toBe(open);
    }
  });

  it('gives the same candles from another server with the same seed, other ones with another', async () => {
    const twin = await startFakeExchange({ seed: 7, limits: false });
    const other = await startFakeExchange({ seed: 8, limits: false });
    try {
      const mine = await binanceAt(fake.url).fetchOHLCV('ETH/USDT', '1d', SINCE, 30);
      expect(await binanceAt(twin.url).fetchOHLCV('ETH/USDT', '1d', SINCE, 30)).toEqual(mine);
      expect(await binanceAt(other.url).fetchOHLCV('ETH/USDT', '1d', SINCE, 30)).not.toEqual(mine);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('quotes a ticker whose last price is the close of the candle in progress', async () => {
    const now = Date.UTC(2025, 2, 3, 10, 30, 15);
    const frozen = await startFakeExchange({ seed: 7, limits: false, now: () => now });
    try {
      const binance = binanceAt(frozen.url);
      const ticker = await binance.fetchTicker('BTC/USDT');
      const [current] = await binance.fetchOHLCV('BTC/USDT', '1h', undefined, 1);
      expect(current?.[0]).toBe(Date.UTC(2025, 2, 3, 10));
      expect(ticker).toMatchObject({ symbol: 'BTC/USDT', last: current?.[4], timestamp: now });
      const prices = await binance.fetchTickers(['BTC/USDT', 'ETH/USDT']);
      expect(Object.keys(prices).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    } finally {
      await frozen.close();
    }
  });

  it('refuses an unknown symbol the way Binance does', async () => {
    const response = await fetch(`${fake.url}/api/v3/klines?symbol=NOPE&interval=1h`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    await expect(
      binanceAt(fake.url).publicGetKlines({ symbol: 'BTCUSDT', interval: '7m' }),
    ).rejects.toBeInstanceOf(ccxt.BadRequest);
  });
});
