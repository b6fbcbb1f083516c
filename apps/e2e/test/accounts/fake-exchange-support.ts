/** The fake exchange's keys and the server settings that point Binance at it. */
import type { AccountConfig, FakeExchange } from '@tradewind/fake-exchange';
import type { Config } from '@tradewind/server';

/** Long, distinctive secrets, so a search of logs and responses cannot miss one. */
export const FAKE_KEYS = {
  trading: {
    apiKey: 'accounts-e2e-trading-key-7c41d2',
    secret: 'accounts-e2e-trading-SECRET-5b9e0f31a7',
  },
  withdrawing: {
    apiKey: 'accounts-e2e-withdraw-key-19af03',
    secret: 'accounts-e2e-withdraw-SECRET-c2d8e6b4f0',
  },
} as const;

/** A trading key with balances, and a key that may withdraw (which Tradewind must refuse). */
export function fakeAccounts(): AccountConfig[] {
  return [
    {
      ...FAKE_KEYS.trading,
      balances: { USDT: 10_000, BTC: 0.5, ETH: 5 },
      canTrade: true,
      canWithdraw: false,
      canDeposit: true,
    },
    {
      ...FAKE_KEYS.withdrawing,
      balances: { USDT: 1 },
      canTrade: true,
      canWithdraw: true,
      canDeposit: true,
    },
  ];
}

/** Venue settings with Binance at the fake exchange (a loopback address, allowed for tests). */
export function venueConfig(fakeUrl: string): Config['venues'] {
  return {
    urlOverrides: { binance: fakeUrl },
    extraExchanges: [],
    allowPrivateUrls: true,
    timeoutMs: 5_000,
    backoff: { initialMs: 50 },
  };
}

/** The fake's last price for a Binance symbol (`BTCUSDT`), read from its public ticker. */
export async function fakePrice(fake: FakeExchange, symbol: string): Promise<number> {
  const response = await fetch(`${fake.url}/api/v3/ticker/price?symbol=${symbol}`);
  const body = (await response.json()) as { price: string };
  return Number(body.price);
}
