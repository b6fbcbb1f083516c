import type { ExchangeClient } from '@tradewind/venues';
import { describe, expect, it } from 'vitest';
import { valueBalances } from './valuation.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

/** An exchange listing `prices` (pair -> last price), stamped one minute before NOW. */
function exchangeWith(prices: Record<string, number>): ExchangeClient & { tickers: string[] } {
  const tickers: string[] = [];
  const unused = () => Promise.reject(new Error('not used'));
  return {
    exchangeId: 'test',
    tickers,
    listSymbols: async () => Object.keys(prices),
    fetchTicker: async (symbol) => {
      tickers.push(symbol);
      return { symbol, last: prices[symbol] ?? Number.NaN, time: NOW.getTime() - 60_000 };
    },
    ping: unused,
    fetchCandles: unused,
    fetchBalances: unused,
    fetchKeyPermissions: unused,
    fetchInstrument: unused,
  };
}

const asset = (currency: string, total: number) => ({ currency, free: total, used: 0, total });

describe('valueBalances', () => {
  it('prices through the direct pair, then the inverse one, and lists what it cannot price', async () => {
    const exchange = exchangeWith({ 'BTC/EUR': 50_000, 'EUR/ZAR': 20 });
    const valuation = await valueBalances(
      exchange,
      [
        asset('EUR', 100),
        asset('BTC', 0.1),
        asset('ZAR', 2_000),
        asset('DOGE', 5),
        asset('ETH', 0),
      ],
      'EUR',
      NOW,
    );
    expect(valuation.conversions).toEqual([
      { currency: 'EUR', amount: 100, pair: null, price: 1, priceTime: null, value: 100 },
      {
        currency: 'BTC',
        amount: 0.1,
        pair: 'BTC/EUR',
        price: 50_000,
        priceTime: '2026-12-01T11:59:00.000Z',
        value: 5_000,
      },
      {
        currency: 'ZAR',
        amount: 2_000,
        pair: 'EUR/ZAR',
        price: 0.05,
        priceTime: '2026-12-01T11:59:00.000Z',
        value: 100,
      },
    ]);
    expect(valuation).toMatchObject({
      currency: 'EUR',
      cash: 100,
      total: 5_200,
      unpriced: [{ currency: 'DOGE', amount: 5 }],
      valuedAt: NOW.toISOString(),
    });
  });

  it('counts USD stand-ins 1:1 and says so; fetches no ticker when everything is cash', async () => {
    const exchange = exchangeWith({});
    const valuation = await valueBalances(
      exchange,
      [asset('USDT', 10), asset('USD', 5)],
      'USD',
      NOW,
    );
    expect(valuation.conversions[0]).toMatchObject({
      currency: 'USDT',
      note: 'USDT counted as USD 1:1',
    });
    expect(valuation.conversions[1]).not.toHaveProperty('note');
    expect(valuation).toMatchObject({ cash: 15, total: 15 });
    expect(exchange.tickers).toEqual([]);
  });

  it('prefers the target itself over a stand-in as quote', async () => {
    const exchange = exchangeWith({ 'BTC/USDT': 60_100, 'BTC/USD': 60_000 });
    const valuation = await valueBalances(exchange, [asset('BTC', 1)], 'USD', NOW);
    expect(valuation.conversions[0]).toMatchObject({ pair: 'BTC/USD', price: 60_000 });
    expect(valuation.conversions[0]).not.toHaveProperty('note');
  });

  it('rounds cash and total to the 8 decimals stored, so a sync answers what is read back', async () => {
    const exchange = exchangeWith({ 'BTC/USD': 3.3 });
    const valuation = await valueBalances(
      exchange,
      [asset('BTC', 0.123456789), asset('USD', 0.000000001)],
      'USD',
      NOW,
    );
    expect(valuation.conversions[0]?.value).toBeCloseTo(0.4074074037, 10);
    expect(valuation).toMatchObject({ cash: 0, total: 0.4074074 });
  });
});
