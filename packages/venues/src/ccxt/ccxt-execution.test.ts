import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Venues } from '../venue-types.ts';
import { createVenues } from './create-venues.ts';

const KEY = { apiKey: 'fake-api-key', secret: 'fake-api-secret' };
const CONNECTION = { exchangeId: 'binance', credentials: KEY };

let fake: FakeExchange;
let venues: Venues;
beforeAll(async () => {
  fake = await startFakeExchange({ seed: 3, limits: false });
  venues = createVenues({
    urlOverrides: { binance: fake.url },
    extraExchanges: [],
    allowPrivateUrls: true,
  });
});
afterAll(() => fake.close());

describe('the ccxt execution port against the fake exchange', () => {
  it('submits market and limit orders, lists and cancels open ones, reads fills and balances', async () => {
    const execution = venues.execution(CONNECTION);
    expect(execution.venue).toBe('binance');
    const bought = await execution.submitOrder({
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'market',
      quantity: 0.01,
      clientOrderId: 'tw-1',
    });
    expect(bought).toMatchObject({
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'market',
      status: 'closed',
      quantity: 0.01,
      filled: 0.01,
      clientOrderId: 'tw-1',
    });
    const resting = await execution.submitOrder({
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'limit',
      quantity: 0.001,
      price: 10_000,
    });
    expect(resting).toMatchObject({ status: 'open', filled: 0, price: 10_000 });
    expect((await execution.openOrders('BTC/USDT')).map((order) => order.id)).toEqual([resting.id]);
    expect(await execution.cancelOrder('BTC/USDT', resting.id)).toBe(true);
    expect(await execution.cancelOrder('BTC/USDT', resting.id)).toBe(false);
    expect(await execution.openOrders('BTC/USDT')).toEqual([]);

    const fills = await execution.fills('BTC/USDT');
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({
      orderId: bought.id,
      side: 'BUY',
      quantity: 0.01,
      fee: 0.00001,
      feeCurrency: 'BTC',
    });
    const btc = (await execution.balances()).find((row) => row.currency === 'BTC');
    expect(btc?.total).toBeCloseTo(0.5 + 0.01 - 0.00001, 10);
  });

  it("refuses orders the exchange's filters or balance refuse, as typed errors", async () => {
    const execution = venues.execution(CONNECTION);
    const order = { symbol: 'BTC/USDT', side: 'BUY' as const, type: 'market' as const };
    await expect(execution.submitOrder({ ...order, quantity: 0.00001 })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'order: Filter failure: NOTIONAL',
    });
    await expect(execution.submitOrder({ ...order, quantity: 5 })).rejects.toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
    });
  });

  it("reads a market's step and minimums from the exchange", async () => {
    const client = venues.client({ exchangeId: 'binance' });
    expect(await client.fetchInstrument('BTC/USDT')).toEqual({
      quantityStep: 0.00001,
      minQuantity: 0.00001,
      minNotional: 5,
    });
    expect(await client.fetchInstrument('ETH/USDT')).toMatchObject({ quantityStep: 0.0001 });
    expect(await client.fetchInstrument('NOPE/USDT')).toBeUndefined();
  });
});

describe('shared ccxt instances are released', () => {
  it('when the exchange rejects the keys, and when the caller releases them', async () => {
    const own = createVenues({
      urlOverrides: { binance: fake.url },
      extraExchanges: [],
      allowPrivateUrls: true,
    });
    expect(own.openConnections()).toBe(0);
    for (let i = 0; i < 5; i++) {
      const wrong = { apiKey: 'fake-api-key', secret: `wrong-${i}` };
      const client = own.client({ exchangeId: 'binance', credentials: wrong });
      await expect(client.fetchBalances()).rejects.toMatchObject({
        message: expect.stringMatching(/^Invalid API credentials/),
      });
    }
    expect(own.openConnections()).toBe(0);
    await own.client(CONNECTION).fetchBalances();
    own.client({ exchangeId: 'binance' });
    expect(own.openConnections()).toBe(2);
    expect(own.release(CONNECTION)).toBe(true);
    expect(own.release(CONNECTION)).toBe(false);
    expect(own.openConnections()).toBe(1);
  });
});
