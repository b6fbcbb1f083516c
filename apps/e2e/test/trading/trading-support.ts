/** Three trading keys on the fake exchange (and one for another user), and their accounts. */
import type { AccountConfig } from '@tradewind/fake-exchange';
import type { TradewindClient } from '@tradewind/sdk';

export const TRADING_KEYS = ['one', 'two', 'three', 'other'].map((name) => ({
  name,
  apiKey: `trading-e2e-${name}-key-4f1c9a`,
  secret: `trading-e2e-${name}-SECRET-b7d203e5c1`,
}));

export function tradingAccounts(): AccountConfig[] {
  return TRADING_KEYS.map(({ apiKey, secret }) => ({
    apiKey,
    secret,
    balances: { USDT: 10_000, BTC: 0, ETH: 1 },
    canTrade: true,
    canWithdraw: false,
    canDeposit: true,
  }));
}

/** Creates one Binance account per key (checked against the fake) and answers their ids. */
export async function createAccounts(
  client: TradewindClient,
  keys: ReadonlyArray<(typeof TRADING_KEYS)[number]>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const key of keys) {
    const created = await client.accounts.create.mutate({
      exchange: 'binance',
      name: `Binance ${key.name}`,
      apiKey: key.apiKey,
      apiSecret: key.secret,
    });
    ids.push(created.accountId);
  }
  return ids;
}
