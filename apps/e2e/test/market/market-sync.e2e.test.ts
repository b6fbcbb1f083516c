import type { MarketSyncEvent, MarketSyncInput } from '@tradewind/core';
import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

const HOUR = 3_600_000;
const SINCE = Date.parse('2024-01-01T00:00:00Z');
/** 10,000 hourly bars: 2024-01-01 00:00 to 2025-02-20 15:00. */
const TEN_THOUSAND = {
  exchange: 'binance',
  timeframe: '1h',
  since: '2024-01-01',
  until: new Date(SINCE + 9_999 * HOUR).toISOString(),
} as const;

let exchange: FakeExchange;
let limited: FakeExchange;
let server: RunningServer;
let alice: TradewindClient;

beforeAll(async () => {
  exchange = await startFakeExchange({ seed: 11, limits: false });
  // Binance.US speaks the same dialect: a second fake with a tight weight budget (an IP ban
  // after two refusals in a window) whose first klines request answers 503.
  limited = await startFakeExchange({
    seed: 11,
    limits: { weightPerMinute: 20, windowMs: 1_000, banAfter: 1, banSeconds: 2 },
    faults: [{ kind: 'status', status: 503, path: '/api/v3/klines', times: 1 }],
  });
  server = await startTestServer({
    venues: {
      urlOverrides: {
        binance: exchange.url,
        binanceus: limited.url,
        kraken: `http://127.0.0.1:${await freePort()}`, // nothing listens there
      },
      extraExchanges: ['binanceus'],
      allowPrivateUrls: true,
      timeoutMs: 5_000,
      backoff: { initialMs: 200 },
    },
  });
  const { accessToken } = await clientsFor(server).register('alice@example.com');
  // Over WebSocket a failed sync ends with its error; tRPC's SSE client would reconnect on a
  // 502 instead (the CLI test covers SSE, the CLI's default).
  alice = createTradewindClient({
    url: server.url,
    subscriptions: 'websocket',
    headers: () => ({ authorization: `Bearer ${accessToken}` }),
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await exchange?.close();
  await limited?.close();
});

/** Runs a sync through the SDK; with `stopAfter`, walks away after that many progress events. */
function sync(input: MarketSyncInput, stopAfter?: number): Promise<MarketSyncEvent[]> {
  return new Promise((resolve, reject) => {
    const events: MarketSyncEvent[] = [];
    const subscription = alice.market.sync.subscribe(input, {
      onData: (event) => {
        events.push(event);
        if (event.type === 'done' || events.length === stopAfter) {
          subscription.unsubscribe();
          resolve(events);
        }
      },
      onError: reject,
    });
  });
}

/** The exchange's own hourly bars of a symbol (`BTCUSDT`), straight from its REST API. */
async function exchangeBars(fake: FakeExchange, symbol: string, count: number) {
  const bars: { time: number; close: number }[] = [];
  for (let start = SINCE; bars.length < count; start = SINCE + bars.length * HOUR) {
    const response = await fetch(
      `${fake.url}/api/v3/klines?symbol=${symbol}&interval=1h&startTime=${start}&limit=1000`,
    );
    const rows = (await response.json()) as [number, string, string, string, string][];
    bars.push(...rows.map(([time, , , , close]) => ({ time, close: Number(close) })));
  }
  return bars.slice(0, count);
}

async function storedBars(venue: string, symbol: string) {
  const candles = await alice.market.candles.query({
    venue,
    symbol,
    timeframe: '1h',
    limit: 10_000,
  });
  return candles.map((candle) => ({ time: Date.parse(candle.time), close: candle.close }));
}

const storedCount = async (venue: string, symbol: string) =>
  (await alice.market.list.query()).find((row) => row.venue === venue && row.symbol === symbol)
    ?.candles ?? 0;

describe('market.sync against the fake exchange', () => {
  it("syncs 10,000 hourly bars page by page with progress, exactly the exchange's, and again adds nothing", async () => {
    const events = await sync({ ...TEN_THOUSAND, symbol: 'BTC/USDT' });
    const progress = events.filter((event) => event.type === 'progress');
    expect(progress.map((event) => event.covered)).toEqual(
      Array.from({ length: 10 }, (_, page) => (page + 1) * 1000),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      exchange: 'binance',
      symbol: 'BTC/USDT',
      expected: 10_000,
      fetched: 10_000,
      stored: 10_000,
      candles: 10_000,
      from: '2024-01-01T00:00:00.000Z',
      to: TEN_THOUSAND.until,
      missing: 0,
      gaps: [],
    });
    expect(await storedBars('binance', 'BTC/USDT')).toEqual(
      await exchangeBars(exchange, 'BTCUSDT', 10_000),
    );
    expect(await alice.market.list.query()).toContainEqual({
      venue: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1h',
      candles: 10_000,
      from: '2024-01-01T00:00:00.000Z',
      to: TEN_THOUSAND.until,
      shared: true,
    });

    // Backtests run on the stored exchange candles as on a CSV.
    const job = await alice.backtests.run.mutate({
      strategy: { type: 'builtin', name: 'MovingAverage', params: { fast: 10, slow: 30 } },
      data: {
        source: 'candles',
        venue: 'binance',
        symbols: ['BTC/USDT'],
        timeframe: '1h',
        start: '2024-01-01T00:00:00Z',
        end: TEN_THOUSAND.until,
      },
    });
    const backtest = await until(
      () => alice.backtests.get.query({ backtestId: job.id }),
      (state) => state.status === 'COMPLETED' || state.status === 'FAILED',
      60_000,
    );
    expect(backtest).toMatchObject({ status: 'COMPLETED', totalBars: 10_000 });

    const again = await sync({ ...TEN_THOUSAND, symbol: 'BTC/USDT' });
    expect(again).toEqual([
      expect.objectContaining({ type: 'done', fetched: 0, stored: 0, candles: 10_000 }),
    ]);
  }, 180_000);

  it('an interrupted sync keeps whole pages and resumes after the last stored bar: same rows, none twice', async () => {
    await sync({ ...TEN_THOUSAND, symbol: 'ETH/USDT' }, 3);
    // The server stops at the page in flight when the client goes away.
    let previous = -1;
    const stopped = await until(
      async () => {
        const count = await storedCount('binance', 'ETH/USDT');
        const settled = count === previous;
        previous = count;
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { count, settled };
      },
      (state) => state.settled,
      30_000,
    );
    expect(stopped.count % 1000).toBe(0);
    expect(stopped.count).toBeGreaterThanOrEqual(3000);
    expect(stopped.count).toBeLessThan(10_000);

    const resumed = await sync({ ...TEN_THOUSAND, symbol: 'ETH/USDT' });
    expect(resumed.at(-1)).toMatchObject({
      type: 'done',
      startedAt: new Date(SINCE + stopped.count * HOUR).toISOString(),
      fetched: 10_000 - stopped.count,
      stored: 10_000 - stopped.count,
      candles: 10_000,
      missing: 0,
    });
    expect(resumed[0]).toMatchObject({ type: 'progress', covered: stopped.count + 1000 });
    expect(await storedBars('binance', 'ETH/USDT')).toEqual(
      await exchangeBars(exchange, 'ETHUSDT', 10_000),
    );
  }, 180_000);

  it('refuses an unknown exchange, listing the known ones, and writes nothing', async () => {
    expect(
      await failure(sync({ ...TEN_THOUSAND, exchange: 'mtgox', symbol: 'BTC/USD' })),
    ).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      message:
        'exchange: unknown exchange "mtgox"; known exchanges: binance, kraken, kucoin, luno, bybit, binanceus',
    });
    expect(await failure(sync({ ...TEN_THOUSAND, symbol: 'NOPE/USDT' }))).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
    });
    expect((await alice.market.list.query()).map((row) => row.symbol)).not.toContain('NOPE/USDT');
  }, 60_000);

  it('an unreachable exchange and a 5xx answer PROVIDER_ERROR with nothing written', async () => {
    expect(
      await failure(sync({ ...TEN_THOUSAND, exchange: 'kraken', symbol: 'BTC/USD' })),
    ).toMatchObject({
      code: 'PROVIDER_ERROR',
      message: expect.stringMatching(/^kraken is unreachable or failing/),
    });
    const failed = await failure(
      sync({ ...TEN_THOUSAND, exchange: 'binanceus', symbol: 'BTC/USDT' }),
    );
    expect(failed).toMatchObject({
      code: 'PROVIDER_ERROR',
      message: 'binanceus is unreachable or failing (ExchangeNotAvailable); try again later',
    });
    expect(failed.message).not.toMatch(/http|signature/);
    expect(await storedCount('binanceus', 'BTC/USDT')).toBe(0);
    expect(await storedCount('kraken', 'BTC/USD')).toBe(0);
  }, 60_000);

  it('backs off on 429 and 418 (an IP ban) and finishes the sync', async () => {
    const events = await sync({
      ...TEN_THOUSAND,
      exchange: 'binanceus',
      symbol: 'BTC/USDT',
      until: new Date(SINCE + 2_999 * HOUR).toISOString(),
    });
    expect(events.at(-1)).toMatchObject({ type: 'done', stored: 3000, candles: 3000, missing: 0 });
    // Same seed, same walk: the limited fake's bars are the unlimited one's.
    expect(await storedBars('binanceus', 'BTC/USDT')).toEqual(
      await exchangeBars(exchange, 'BTCUSDT', 3000),
    );
  }, 120_000);
});
