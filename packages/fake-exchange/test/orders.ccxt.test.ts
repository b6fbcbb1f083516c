import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeExchange, startFakeExchange } from '../src/index.ts';
import { binanceAt } from './binance-at.ts';
import { signedRequest } from './signed-request.ts';

const TRADER = { apiKey: 'trader-key', secret: 'trader-secret' };
const OTHER = { apiKey: 'other-key', secret: 'other-secret' };
const MINUTE = 60_000;

describe('orders and fills through the real ccxt binance', () => {
  const clock = { now: Date.UTC(2025, 3, 1, 9, 0, 30) };
  let fake: FakeExchange;
  let binance: ReturnType<typeof binanceAt>;

  beforeAll(async () => {
    fake = await startFakeExchange({
      seed: 3,
      accounts: [{ ...TRADER, balances: { USDT: 10_000, BTC: 0.5 } }, OTHER],
      now: () => clock.now,
    });
    binance = binanceAt(fake.url, TRADER, {}, clock);
    await binance.loadMarkets();
  });
  afterAll(() => fake.close());

  it('fills a market buy at the current price, charging 0.1 % in the asset bought', async () => {
    const last = (await binance.fetchTicker('BTC/USDT')).last as number;
    const order = await binance.createOrder('BTC/USDT', 'market', 'buy', 0.01);
    expect(order).toMatchObject({
      status: 'closed',
      side: 'buy',
      type: 'market',
      amount: 0.01,
      filled: 0.01,
      remaining: 0,
      average: last,
    });
    expect(order.cost).toBeCloseTo(0.01 * last, 8);
    expect(order.fee).toMatchObject({ currency: 'BTC', cost: 0.00001 });
    const balance = await binance.fetchBalance();
    expect(balance.BTC?.free).toBeCloseTo(0.5 + 0.01 - 0.00001, 8);
    expect(balance.USDT?.free).toBeCloseTo(10_000 - 0.01 * last, 6);
    const [trade] = await binance.fetchMyTrades('BTC/USDT');
    expect(trade).toMatchObject({ order: order.id, price: last, amount: 0.01, side: 'buy' });
    expect(trade?.takerOrMaker).toBe('taker');
  });

  it('rests a limit buy below the market, locks its cost, and cancels it', async () => {
    const before = await binance.fetchBalance();
    const last = (await binance.fetchTicker('BTC/USDT')).last as number;
    const price = Math.round(last * 0.9);
    const order = await binance.createOrder('BTC/USDT', 'limit', 'buy', 0.02, price);
    const id = order.id as string;
    expect(order).toMatchObject({ status: 'open', price, amount: 0.02, filled: 0 });
    const open = await binance.fetchOpenOrders('BTC/USDT');
    expect(open.map((entry) => entry.id)).toEqual([order.id]);
    const locked = await binance.fetchBalance();
    expect(locked.USDT?.used).toBeCloseTo(0.02 * price, 8);
    expect(locked.USDT?.free).toBeCloseTo((before.USDT?.free as number) - 0.02 * price, 6);
    const canceled = await binance.cancelOrder(id, 'BTC/USDT');
    expect(canceled).toMatchObject({ id, status: 'canceled' });
    expect(await binance.fetchOpenOrders('BTC/USDT')).toEqual([]);
    expect((await binance.fetchBalance()).USDT).toMatchObject({ free: before.USDT?.free, used: 0 });
    expect((await binance.fetchOrder(id, 'BTC/USDT')).status).toBe('canceled');
    await expect(binance.cancelOrder(id, 'BTC/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('fills a resting limit sell at its price once the market reaches it', async () => {
    const last = (await binance.fetchTicker('BTC/USDT')).last as number;
    const price = Math.round(last * 1.002 * 100) / 100;
    const order = await binance.createOrder('BTC/USDT', 'limit', 'sell', 0.1, price);
    expect(order.status).toBe('open');
    expect((await binance.fetchBalance()).BTC?.used).toBeCloseTo(0.1, 8);
    const deadline = clock.now + 30 * 86_400_000;
    while ((await binance.fetchOpenOrders('BTC/USDT')).length > 0) {
      expect(clock.now).toBeLessThan(deadline);
      clock.now += 10 * MINUTE;
    }
    const filled = await binance.fetchOrder(order.id as string, 'BTC/USDT');
    expect(filled).toMatchObject({ status: 'closed', filled: 0.1, average: price });
    const trades = await binance.fetchMyTrades('BTC/USDT', undefined, undefined, {
      orderId: order.id,
    });
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ price, amount: 0.1, takerOrMaker: 'maker' });
    expect(trades[0]?.fee).toMatchObject({ currency: 'USDT' });
    expect(trades[0]?.fee?.cost).toBeCloseTo(0.1 * price * 0.001, 8);
    expect((await binance.fetchBalance()).BTC?.used).toBe(0);
  });

  it('cancels every open order of a symbol at once', async () => {
    const last = (await binance.fetchTicker('ETH/USDT')).last as number;
    const low = Math.round(last * 0.8);
    await binance.createOrder('ETH/USDT', 'limit', 'buy', 0.01, low);
    await binance.createOrder('ETH/USDT', 'limit', 'buy', 0.01, low - 1);
    const canceled = await binance.cancelAllOrders('ETH/USDT');
    expect(canceled.map((order) => order.status)).toEqual(['canceled', 'canceled']);
    expect(await binance.fetchOpenOrders('ETH/USDT')).toEqual([]);
    await expect(binance.cancelAllOrders('ETH/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('applies the symbol filters and the balance as Binance does', async () => {
    const order = (params: Record<string, string | number>) =>
      signedRequest(
        fake.url,
        '/api/v3/order',
        TRADER,
        { symbol: 'BTCUSDT', timestamp: clock.now, ...params },
        'POST',
      );
    expect(await order({ side: 'BUY', type: 'MARKET', quantity: '0.000015' })).toEqual({
      status: 400,
      body: { code: -1013, msg: 'Filter failure: LOT_SIZE' },
    });
    expect(
      await order({
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.001',
        price: '50000.005',
      }),
    ).toEqual({ status: 400, body: { code: -1013, msg: 'Filter failure: PRICE_FILTER' } });
    expect(await order({ side: 'BUY', type: 'MARKET', quantity: '0.00001' })).toEqual({
      status: 400,
      body: { code: -1013, msg: 'Filter failure: NOTIONAL' },
    });
    await expect(binance.createOrder('BTC/USDT', 'market', 'buy', 5)).rejects.toBeInstanceOf(
      ccxt.InsufficientFunds,
    );
  });

  it('shows an order and its fills to its own key only', async () => {
    const [mine] = await binance.fetchMyTrades('BTC/USDT', undefined, 1);
    expect(mine?.order).toBeDefined();
    const response = await signedRequest(fake.url, '/api/v3/order', OTHER, {
      symbol: 'BTCUSDT',
      orderId: Number(mine?.order),
      timestamp: clock.now,
    });
    expect(response).toEqual({ status: 400, body: { code: -2013, msg: 'Order does not exist.' } });
    const other = binanceAt(fake.url, OTHER, {}, clock);
    expect(await other.fetchMyTrades('BTC/USDT')).toEqual([]);
  });
});
