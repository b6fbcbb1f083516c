import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeExchange, startFakeExchange } from '../src/index.ts';
import { binanceAt } from './binance-at.ts';
import { signedRequest } from './signed-request.ts';

const TRADER = { apiKey: 'trader-key', secret: 'trader-secret' };
const WITHDRAWER = { apiKey: 'withdraw-key', secret: 'withdraw-secret' };

describe('signed account endpoints through the real ccxt binance', () => {
  let fake: FakeExchange;

  beforeAll(async () => {
    fake = await startFakeExchange({
      accounts: [
        { ...TRADER, balances: { USDT: 2500, BTC: 0.25 } },
        { ...WITHDRAWER, balances: { USDT: 1 }, canWithdraw: true },
      ],
    });
  });
  afterAll(() => fake.close());

  it('loads markets with keys set and fetches the balances', async () => {
    const binance = binanceAt(fake.url, TRADER);
    await binance.loadMarkets();
    const balance = await binance.fetchBalance();
    expect(balance.USDT).toEqual({ free: 2500, used: 0, total: 2500, debt: undefined });
    expect(balance.BTC?.total).toBe(0.25);
  });

  it('needs nothing but the rewritten URLs: the default market types and margin lists load', async () => {
    const binance = binanceAt(fake.url, TRADER, { fetchMarkets: undefined });
    expect(binance.options.fetchMarkets).toBeUndefined();
    const markets = await binance.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT']);
    expect(markets['BTC/USDT']?.margin).toBe(false);
  });

  it('reports what each key may do: trade, and withdraw only where enabled', async () => {
    const trader = (await binanceAt(fake.url, TRADER).privateGetAccount()) as Record<
      string,
      unknown
    >;
    expect(trader).toMatchObject({ canTrade: true, canWithdraw: false, permissions: ['SPOT'] });
    const withdrawer = binanceAt(fake.url, WITHDRAWER);
    expect(await withdrawer.privateGetAccount()).toMatchObject({ canWithdraw: true });
    expect(await withdrawer.sapiGetAccountApiRestrictions()).toMatchObject({
      enableReading: true,
      enableSpotAndMarginTrading: true,
      enableWithdrawals: true,
    });
  });

  it('refuses a wrong secret with Binance error -1022 (ccxt AuthenticationError)', async () => {
    const wrong = binanceAt(fake.url, { apiKey: TRADER.apiKey, secret: 'not-the-secret' });
    await expect(wrong.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    const raw = await signedRequest(
      fake.url,
      '/api/v3/account',
      { ...TRADER, secret: 'x' },
      {
        timestamp: Date.now(),
      },
    );
    expect(raw).toEqual({
      status: 400,
      body: { code: -1022, msg: 'Signature for this request is not valid.' },
    });
  });

  it('refuses an unknown key with -2015 and a missing one with -2014', async () => {
    const stranger = binanceAt(fake.url, { apiKey: 'nobody', secret: 'nothing' });
    await expect(stranger.privateGetAccount()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    const raw = await signedRequest(
      fake.url,
      '/api/v3/account',
      { apiKey: 'nobody', secret: 'x' },
      {
        timestamp: Date.now(),
      },
    );
    expect(raw).toEqual({
      status: 401,
      body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
    });
    const anonymous = await fetch(`${fake.url}/api/v3/account?timestamp=1&signature=00`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ code: -2014, msg: 'API-key format invalid.' });
  });

  it('refuses a client whose clock is off by more than the recvWindow (ccxt InvalidNonce)', async () => {
    const ahead = await startFakeExchange({
      accounts: [TRADER],
      now: () => Date.now() + 600_000,
    });
    try {
      await expect(binanceAt(ahead.url, TRADER).privateGetAccount()).rejects.toBeInstanceOf(
        ccxt.InvalidNonce,
      );
      // ccxt's own remedy works: it measures the offset from /api/v3/time.
      const adjusted = binanceAt(ahead.url, TRADER, { adjustForTimeDifference: true });
      await adjusted.loadTimeDifference();
      expect(await adjusted.privateGetAccount()).toMatchObject({ canTrade: true });
    } finally {
      await ahead.close();
    }
  });
});

describe('the recvWindow rule, to the millisecond', () => {
  const SERVER_TIME = Date.UTC(2025, 5, 1, 12);
  let fake: FakeExchange;

  beforeAll(async () => {
    fake = await startFakeExchange({ accounts: [TRADER], now: () => SERVER_TIME });
  });
  afterAll(() => fake.close());

  const account = (params: Record<string, number>) =>
    signedRequest(fake.url, '/api/v3/account', TRADER, params);

  it('accepts timestamp >= serverTime - recvWindow and < serverTime + 1000', async () => {
    expect((await account({ timestamp: SERVER_TIME - 5000 })).status).toBe(200);
    expect((await account({ timestamp: SERVER_TIME + 999 })).status).toBe(200);
    expect((await account({ timestamp: SERVER_TIME - 60_000, recvWindow: 60_000 })).status).toBe(
      200,
    );
  });

  it('refuses one millisecond outside, and a recvWindow above 60000', async () => {
    expect(await account({ timestamp: SERVER_TIME - 5001 })).toEqual({
      status: 400,
      body: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
    });
    expect(await account({ timestamp: SERVER_TIME + 1000 })).toEqual({
      status: 400,
      body: {
        code: -1021,
        msg: "Timestamp for this request was 1000ms ahead of the server's time.",
      },
    });
    expect(await account({ timestamp: SERVER_TIME - 100, recvWindow: 60_001 })).toEqual({
      status: 400,
      body: { code: -1131, msg: 'recvWindow must be less than 60000' },
    });
  });
});
