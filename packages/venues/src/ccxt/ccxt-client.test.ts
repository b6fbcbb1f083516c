import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type FakeExchange,
  type FakeExchangeOptions,
  startFakeExchange,
} from '@tradewind/fake-exchange';
import { afterEach, describe, expect, it } from 'vitest';
import { createVenues } from './create-venues.ts';

const KEY = { apiKey: 'fake-api-key', secret: 'fake-api-secret' };
const SINCE = Date.parse('2024-01-01T00:00:00Z');
const HOUR = 3_600_000;

let fake: FakeExchange | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function venuesOnFake(options: FakeExchangeOptions = {}) {
  fake = await startFakeExchange({ seed: 3, ...options });
  return createVenues({
    urlOverrides: { binance: fake.url },
    extraExchanges: [],
    allowPrivateUrls: true,
    backoff: { initialMs: 100, maxMs: 5_000, attempts: 6 },
  });
}

/** Forwards to `target` and records each answer's status and time: what the exchange saw. */
async function recordingProxy(target: string) {
  const answers: { status: number; sentAt: number }[] = [];
  const server = http.createServer(async (request, response) => {
    const sentAt = Date.now();
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers: { 'x-mbx-apikey': String(request.headers['x-mbx-apikey'] ?? '') },
    });
    answers.push({ status: answer.status, sentAt });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answers,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the ccxt client against the fake exchange', () => {
  it('pings, pages candles, lists symbols, reads tickers, balances and key permissions', async () => {
    const venues = await venuesOnFake();
    const client = venues.client({ exchangeId: 'binance' });
    expect((await client.ping()).latencyMs).toBeGreaterThanOrEqual(0);
    const candles = await client.fetchCandles('BTC/USDT', '1h', SINCE, 1000);
    expect(candles).toHaveLength(1000);
    expect(candles.map((candle) => candle.time)).toEqual(
      Array.from({ length: 1000 }, (_, i) => SINCE + i * HOUR),
    );
    expect(await client.listSymbols()).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT']);
    expect((await client.fetchTicker('ETH/USDT')).last).toBeGreaterThan(0);

    const keyed = venues.client({ exchangeId: 'binance', credentials: KEY });
    expect(await keyed.fetchBalances()).toEqual([
      { currency: 'BTC', free: 0.5, used: 0, total: 0.5 },
      { currency: 'ETH', free: 5, used: 0, total: 5 },
      { currency: 'USDT', free: 10_000, used: 0, total: 10_000 },
    ]);
    expect(await keyed.fetchKeyPermissions()).toEqual({
      canRead: true,
      canTrade: true,
      canWithdraw: false,
    });
  });

  it("rejects a wrong secret with the exchange's reason and no secret; names a bad timeframe and symbol", async () => {
    const venues = await venuesOnFake();
    const wrong = venues.client({
      exchangeId: 'binance',
      credentials: { apiKey: 'fake-api-key', secret: 'not-the-secret' },
    });
    const error = await wrong.fetchBalances().catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'Invalid API credentials: Signature for this request is not valid.',
    });
    const client = venues.client({ exchangeId: 'binance' });
    await expect(client.fetchCandles('BTC/USDT', '7m', SINCE, 10)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      details: expect.objectContaining({ field: 'timeframe' }),
    });
    await expect(client.fetchCandles('NOPE/USDT', '1h', SINCE, 10)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      details: expect.objectContaining({ field: 'symbol' }),
    });
  });

  it('answers 429 with a shared backoff: every caller of one key gets its candles, none crashes', async () => {
    fake = await startFakeExchange({
      seed: 3,
      limits: { weightPerMinute: 20, windowMs: 1_000, banAfter: 5, banSeconds: 2 },
    });
    const proxy = await recordingProxy(fake.url);
    const venues = createVenues({
      urlOverrides: { binance: proxy.url },
      extraExchanges: [],
      allowPrivateUrls: true,
      backoff: { initialMs: 300, maxMs: 5_000, attempts: 10 },
    });
    const first = venues.client({ exchangeId: 'binance' });
    const second = venues.client({ exchangeId: 'binance' });
    await first.listSymbols(); // exchangeInfo: a whole window's weight
    const pages = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? first : second).fetchCandles('BTC/USDT', '1h', SINCE + i * 10 * HOUR, 10),
      ),
    );
    await proxy.close();
    expect(pages.map((page) => page.length)).toEqual(Array(30).fill(10));
    const refusals = proxy.answers.filter(
      (answer) => answer.status === 429 || answer.status === 418,
    );
    expect(refusals.length).toBeGreaterThan(0);
    // Backoff, not a storm: a 429 pauses every caller of the key until Retry-After (the next
    // window), queued requests included, so only the requests already in flight are refused
    // with it: a handful of refusals for 30 callers, and a ban (418) is waited out too.
    expect(refusals.length).toBeLessThanOrEqual(15);
  }, 30_000);

  it('a 429 or 418 pause longer than the backoff cap fails fast with PROVIDER_ERROR for every caller of the key', async () => {
    // The fake's windows start on the clock (as Binance's minutes do): a one-day window keeps the
    // spent weight from being refilled by a boundary passing between the calls on a slow machine.
    const venues = await venuesOnFake({
      limits: { weightPerMinute: 22, windowMs: 86_400_000, banAfter: 1, banSeconds: 120 },
    });
    const client = venues.client({ exchangeId: 'binance' });
    await client.fetchCandles('BTC/USDT', '1h', SINCE, 10); // exchangeInfo (20) + klines (2)
    const banned = {
      code: 'PROVIDER_ERROR',
      message: expect.stringMatching(/^binance is rate limiting requests until /),
    };
    await expect(client.fetchCandles('BTC/USDT', '1h', SINCE, 10)).rejects.toMatchObject(banned);
    const started = Date.now();
    await expect(
      venues.client({ exchangeId: 'binance' }).fetchCandles('BTC/USDT', '1h', SINCE, 10),
    ).rejects.toMatchObject(banned);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('an unreachable exchange and a 5xx are PROVIDER_ERROR', async () => {
    const venues = await venuesOnFake({
      faults: [{ kind: 'status', status: 503, path: '/api/v3/klines' }],
    });
    const client = venues.client({ exchangeId: 'binance' });
    await expect(client.fetchCandles('BTC/USDT', '1h', SINCE, 10)).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      message: 'binance is unreachable or failing (ExchangeNotAvailable); try again later',
    });
    const closed = createVenues({
      urlOverrides: { binance: 'http://127.0.0.1:9' },
      extraExchanges: [],
      allowPrivateUrls: true,
    });
    await expect(closed.client({ exchangeId: 'binance' }).ping()).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      message: expect.stringMatching(/^binance is unreachable or failing/),
    });
  });
});
