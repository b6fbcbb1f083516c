import ccxt from 'ccxt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeExchange, startFakeExchange } from '../src/index.ts';
import { binanceAt } from './binance-at.ts';

const TRADER = { apiKey: 'trader-key', secret: 'trader-secret' };

describe('injected faults, as ccxt sees them', () => {
  let fake: FakeExchange;
  let binance: ReturnType<typeof binanceAt>;

  beforeAll(async () => {
    fake = await startFakeExchange({
      limits: false,
      accounts: [{ ...TRADER, balances: { USDT: 10_000 } }],
    });
    binance = binanceAt(fake.url, TRADER);
    binance.timeout = 3_000;
    await binance.loadMarkets();
  });
  afterEach(() => fake.control.clearFaults());
  afterAll(() => fake.close());

  it('answers a gateway 5xx once: ccxt ExchangeNotAvailable, then normal service', async () => {
    for (const status of [500, 502, 503]) {
      fake.control.injectFault({ kind: 'status', status, path: '/api/v3/klines', times: 1 });
      await expect(binance.fetchOHLCV('BTC/USDT', '1h', undefined, 5)).rejects.toBeInstanceOf(
        ccxt.ExchangeNotAvailable,
      );
      expect(await binance.fetchOHLCV('BTC/USDT', '1h', undefined, 5)).toHaveLength(5);
    }
    // Binance's gateways answer 504 on a backend timeout; ccxt calls that a RequestTimeout.
    fake.control.injectFault({ kind: 'status', status: 504, times: 1 });
    await expect(binance.fetchTime()).rejects.toBeInstanceOf(ccxt.RequestTimeout);
  });

  it('delays answers by the injected latency', async () => {
    fake.control.injectFault({ kind: 'latency', ms: 400, path: '/api/v3/time' });
    const started = performance.now();
    await binance.fetchTime();
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    expect(fake.control.faults()).toMatchObject([{ kind: 'latency', remaining: null }]);
  });

  it('never answers a timed-out request: ccxt RequestTimeout', async () => {
    fake.control.injectFault({ kind: 'timeout', path: '/api/v3/ticker/24hr', times: 1 });
    await expect(binance.fetchTicker('BTC/USDT')).rejects.toBeInstanceOf(ccxt.RequestTimeout);
    expect((await binance.fetchTicker('BTC/USDT')).last).toBeGreaterThan(0);
  });

  it('rejects an order with the injected Binance error', async () => {
    fake.control.injectFault({
      kind: 'error',
      method: 'POST',
      path: '/api/v3/order',
      code: -2010,
      msg: 'Account has insufficient balance for requested action.',
      times: 1,
    });
    await expect(binance.createOrder('BTC/USDT', 'market', 'buy', 0.001)).rejects.toBeInstanceOf(
      ccxt.InsufficientFunds,
    );
    expect(await binance.fetchOpenOrders('BTC/USDT')).toEqual([]);
  });

  it('fills only part of an order: a limit holds the rest open, a market expires', async () => {
    const last = (await binance.fetchTicker('ETH/USDT')).last as number;
    fake.control.injectFault({ kind: 'partialFill', fraction: 0.5, times: 2 });
    const limit = await binance.createOrder('ETH/USDT', 'limit', 'buy', 1, Math.round(last * 1.05));
    expect(limit).toMatchObject({ status: 'open', filled: 0.5, remaining: 0.5 });
    expect((await binance.fetchOpenOrders('ETH/USDT')).map((order) => order.id)).toEqual([
      limit.id,
    ]);
    const market = await binance.createOrder('ETH/USDT', 'market', 'buy', 0.5);
    expect(market).toMatchObject({ status: 'expired', filled: 0.25, remaining: 0.25 });
    const canceled = await binance.cancelOrder(limit.id as string, 'ETH/USDT');
    expect(canceled).toMatchObject({ status: 'canceled', filled: 0.5 });
    expect((await binance.fetchBalance()).USDT?.used).toBe(0);
  });

  it('accepts an order whose response is lost: ccxt NetworkError, the order exists', async () => {
    fake.control.injectFault({
      kind: 'lostResponse',
      method: 'POST',
      path: '/api/v3/order',
      times: 1,
    });
    const clientOrderId = 'lost-response-1';
    await expect(
      binance.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId }),
    ).rejects.toBeInstanceOf(ccxt.NetworkError);
    const order = await binance.fetchOrder('', 'BTC/USDT', { origClientOrderId: clientOrderId });
    expect(order).toMatchObject({ clientOrderId, status: 'closed', filled: 0.001 });
    const posts = fake.control.requests().filter((entry) => entry.method === 'POST');
    expect(posts.at(-1)).toMatchObject({ path: '/api/v3/order', status: null });
    expect((await binance.fetchBalance()).BTC?.total).toBeCloseTo(0.001 * 0.999, 8);
  });
});

describe('the control API over HTTP', () => {
  let fake: FakeExchange;

  beforeAll(async () => {
    fake = await startFakeExchange({ accounts: [TRADER] });
  });
  afterAll(() => fake.close());

  it('injects and removes faults, naming the bad field', async () => {
    const bad = await fetch(`${fake.url}/fake/v1/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'status', status: 200 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('status');
    const added = await fetch(`${fake.url}/fake/v1/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'status', status: 503, path: '/api/v3/ping' }),
    });
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: number };
    expect((await fetch(`${fake.url}/api/v3/ping`)).status).toBe(503);
    expect((await fetch(`${fake.url}/fake/v1/faults/${id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await fetch(`${fake.url}/api/v3/ping`)).status).toBe(200);
    const log = await fetch(`${fake.url}/fake/v1/requests`);
    expect(((await log.json()) as Array<{ status: number }>).map((entry) => entry.status)).toEqual([
      503, 200,
    ]);
  });

  it('turns on withdrawals for a key, as a withdraw-enabled key would report', async () => {
    const response = await fetch(`${fake.url}/fake/v1/accounts/${TRADER.apiKey}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ canWithdraw: true, balances: { USDT: 42 } }),
    });
    expect(response.status).toBe(204);
    const binance = binanceAt(fake.url, TRADER);
    expect(await binance.privateGetAccount()).toMatchObject({ canWithdraw: true });
    expect((await binance.fetchBalance()).USDT?.free).toBe(42);
    const unknown = await fetch(`${fake.url}/fake/v1/accounts/nobody`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ canWithdraw: true }),
    });
    expect(unknown.status).toBe(404);
  });
});
