import type { BacktestRunInput, MarketSyncEvent, MarketSyncInput } from '@tradewind/core';
import { type Instrument, runBacktest, storedTrades } from '@tradewind/engine';
import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

const MINUTE = 60_000;
// Four hours of closed minutes on the fake exchange's clock: 08:00 .. 11:59.
const RANGE = { start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T11:59:00.000Z' } as const;
const NOW = Date.parse(RANGE.end) + MINUTE + 5_000;
// The fake's BTCUSDT filters (LOT_SIZE step and minimum, NOTIONAL), as a paper bot trades them.
const BTC_RULES: Instrument = { quantityStep: 0.00001, minQuantity: 0.00001, minNotional: 5 };
const PARAMS = { fast: 2, slow: 4 };

let exchange: FakeExchange;
let server: RunningServer;
let alice: TradewindClient;

beforeAll(async () => {
  exchange = await startFakeExchange({ seed: 7, limits: false, now: () => NOW });
  server = await startTestServer(
    {
      venues: {
        urlOverrides: {
          binance: exchange.url,
          kraken: `http://127.0.0.1:${await freePort()}`, // nothing listens there
        },
        extraExchanges: [],
        allowPrivateUrls: true,
        timeoutMs: 5_000,
        backoff: { initialMs: 200 },
      },
    },
    { now: () => new Date(NOW) },
  );
  const { accessToken } = await clientsFor(server).register('alice@example.com');
  alice = createTradewindClient({
    url: server.url,
    subscriptions: 'websocket',
    headers: () => ({ authorization: `Bearer ${accessToken}` }),
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await exchange?.close();
});

function sync(input: MarketSyncInput): Promise<MarketSyncEvent> {
  return new Promise((resolve, reject) => {
    const subscription = alice.market.sync.subscribe(input, {
      onData: (event) => {
        if (event.type !== 'done') return;
        subscription.unsubscribe();
        resolve(event);
      },
      onError: reject,
    });
  });
}

const run = (venue: string) =>
  ({
    name: `BTC on ${venue}`,
    strategy: { type: 'builtin', name: 'MovingAverage', params: PARAMS },
    data: { source: 'candles', venue, symbols: ['BTC/USDT'], timeframe: '1m', ...RANGE },
    initialCapital: 10_000,
    commission: 0.001,
    sizing: { type: 'percent_of_equity', percent: 50 },
  }) satisfies BacktestRunInput;

const finished = (backtestId: number) =>
  until(
    () => alice.backtests.get.query({ backtestId }),
    (job) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status),
    60_000,
  );

/** Whether `quantity` is a whole number of the market's steps. */
const inSteps = (quantity: number) => {
  const steps = quantity / BTC_RULES.quantityStep;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
};

describe('a server backtest on stored exchange candles', () => {
  it("trades fractional BTC with 10,000 USDT in the market's step, exactly like the engine under the same rules", async () => {
    const synced = await sync({
      exchange: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      since: RANGE.start,
      until: RANGE.end,
    });
    expect(synced).toMatchObject({ type: 'done', stored: 240 });

    const queued = await alice.backtests.run.mutate(run('binance'));
    const job = await finished(queued.id);
    expect(job.status).toBe('COMPLETED');
    // The stored result says which rules its fills kept to: the exchange's own.
    expect(job.result?.assumptions?.instruments).toEqual({ 'BTC/USDT': BTC_RULES });

    // The engine alone on the same candles with the market's rules: the same fills.
    const candles = await alice.market.candles.query({
      venue: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      limit: 1_000,
    });
    expect(candles).toHaveLength(240);
    const local = runBacktest({
      bars: { 'BTC/USDT': candles.map((candle) => ({ ...candle, time: Date.parse(candle.time) })) },
      strategy: { name: 'MovingAverage', params: PARAMS },
      initialCash: 10_000,
      commission: 0.001,
      sizing: { type: 'percent_of_equity', percent: 50 },
      instruments: { 'BTC/USDT': BTC_RULES },
    });
    expect(local.closedTrades.length).toBeGreaterThanOrEqual(2);
    expect(job.result?.fills).toBe(local.fills.length);
    expect(job.result?.trades).toEqual(storedTrades(local.closedTrades).trades);
    expect(job.metrics?.finalEquity).toBe(local.metrics.finalEquity);
    // 5,000 USDT at about 60,000: a fraction of a BTC, a whole number of 0.00001 steps.
    for (const trade of job.result?.trades ?? []) {
      expect(trade.quantity).toBeGreaterThan(0.01);
      expect(trade.quantity).toBeLessThan(1);
      expect(inSteps(trade.quantity)).toBe(true);
    }
  }, 180_000);

  it("an ensemble on the same candles trades its members in the market's step too", async () => {
    const { strategy, ...rest } = run('binance');
    const queued = await alice.backtests.run.mutate({
      ...rest,
      strategy: {
        type: 'ensemble',
        members: [
          { strategy, weight: 0.6 },
          { strategy: { ...strategy, params: { fast: 3, slow: 6 } }, weight: 0.4 },
        ],
      },
    });
    const job = await finished(queued.id);
    expect(job.status).toBe('COMPLETED');
    expect(job.result?.assumptions?.instruments).toEqual({ 'BTC/USDT': BTC_RULES });
    const trades = job.result?.trades ?? [];
    expect(trades.length).toBeGreaterThanOrEqual(2);
    expect(trades.every((trade) => trade.quantity < 1 && inSteps(trade.quantity))).toBe(true);
  }, 120_000);

  it('answers PROVIDER_ERROR when the exchange cannot give its rules, and queues nothing', async () => {
    // Candles of kraken stored earlier (a sync while it answered); now it does not.
    const bars = await alice.market.candles.query({
      venue: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      limit: 1_000,
    });
    await server.deps.db.prisma.candle.createMany({
      data: bars.map(({ time, source: _binance, ...prices }) => ({
        ...prices,
        ownerId: '',
        venue: 'kraken',
        symbol: 'BTC/USDT',
        timeframe: '1m',
        time: new Date(time),
        source: 'kraken',
      })),
    });
    const before = await server.deps.db.prisma.backtest.count();
    const error = await failure(alice.backtests.run.mutate(run('kraken')));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/kraken/);
    expect(await server.deps.db.prisma.backtest.count()).toBe(before);
  }, 120_000);
});
