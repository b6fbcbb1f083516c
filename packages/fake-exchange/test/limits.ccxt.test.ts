import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeExchange, startFakeExchange } from '../src/index.ts';
import { binanceAt } from './binance-at.ts';

// 30 seconds into a window: the 429's Retry-After is the 30 s left of it.
const NOW = Date.UTC(2025, 0, 6, 8, 15, 30);

describe('request weight limits, as Binance answers them', () => {
  let fake: FakeExchange;

  beforeAll(async () => {
    fake = await startFakeExchange({
      now: () => NOW,
      limits: { weightPerMinute: 30, banAfter: 2, banSeconds: 90 },
    });
  });
  afterAll(() => fake.close());

  it('counts weight in X-MBX-USED-WEIGHT-1M, then answers 429, then bans with 418', async () => {
    const time = await fetch(`${fake.url}/api/v3/time`);
    expect(time.headers.get('x-mbx-used-weight-1m')).toBe('1');
    const info = await fetch(`${fake.url}/api/v3/exchangeInfo`);
    expect(info.headers.get('x-mbx-used-weight-1m')).toBe('21');
    expect(((await info.json()) as { rateLimits: unknown[] }).rateLimits[0]).toMatchObject({
      rateLimitType: 'REQUEST_WEIGHT',
      limit: 30,
    });

    const binance = binanceAt(fake.url);
    // Four tickers of weight 2 reach 29; the fifth would pass 30.
    for (let index = 0; index < 4; index++)
      await binance.publicGetTickerPrice({ symbol: 'BTCUSDT' });
    const refused = binance.publicGetTickerPrice({ symbol: 'BTCUSDT' });
    await expect(refused).rejects.toBeInstanceOf(ccxt.DDoSProtection);
    await expect(refused).rejects.toThrow(/ 429 /);

    const second = await fetch(`${fake.url}/api/v3/ticker/price?symbol=BTCUSDT`);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('30');
    expect(await second.json()).toEqual({
      code: -1003,
      msg: 'Too much request weight used; current limit is 30 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
    });

    // A third refusal in the same window (banAfter: 2) is a ban.
    const banned = binance.publicGetTickerPrice({ symbol: 'BTCUSDT' });
    await expect(banned).rejects.toBeInstanceOf(ccxt.DDoSProtection);
    await expect(banned).rejects.toThrow(/ 418 /);
    // Banned, even the lightest call that would fit the budget is refused.
    const again = await fetch(`${fake.url}/api/v3/ping`);
    expect(again.status).toBe(418);
    expect(again.headers.get('retry-after')).toBe('90');
    expect(await again.json()).toMatchObject({ code: -1003 });

    fake.control.resetLimits();
    expect((await fetch(`${fake.url}/api/v3/time`)).status).toBe(200);
    // What the exchange saw, request by request.
    expect(
      fake.control.requests().map(({ path, weight, status }) => [path, weight, status]),
    ).toEqual([
      ['/api/v3/time', 1, 200],
      ['/api/v3/exchangeInfo', 20, 200],
      ...Array.from({ length: 4 }, () => ['/api/v3/ticker/price', 2, 200]),
      ['/api/v3/ticker/price', 2, 429],
      ['/api/v3/ticker/price', 2, 429],
      ['/api/v3/ticker/price', 2, 418],
      ['/api/v3/ping', 1, 418],
      ['/api/v3/time', 1, 200],
    ]);
  });

  it('lets every request through, without weight headers, when limits are off', async () => {
    const open = await startFakeExchange({ now: () => NOW, limits: false });
    try {
      for (let index = 0; index < 40; index++) {
        const response = await fetch(`${open.url}/api/v3/exchangeInfo`);
        expect(response.status).toBe(200);
        expect(response.headers.get('x-mbx-used-weight-1m')).toBeNull();
      }
    } finally {
      await open.close();
    }
  });
});
