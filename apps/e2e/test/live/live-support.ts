/** A LIVE trader against the fake exchange: 2FA, live_trading mode, a keyed account with limits. */
import type { FakeExchange } from '@tradewind/fake-exchange';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { Secret, TOTP } from 'otpauth';
import { clientsFor } from '../support/clients.ts';

export const LIVE_KEY = {
  apiKey: 'live-e2e-trading-key-3f19c2',
  secret: 'live-e2e-trading-SECRET-8d02b7e4a1',
};

/** The fake exchange's account for {@link LIVE_KEY}: cash only, so every BTC held is the bot's. */
export const liveFakeAccount = () => ({
  ...LIVE_KEY,
  balances: { USDT: 100_000 },
  canTrade: true,
  canWithdraw: false,
  canDeposit: true,
});

export type LiveTrader = { client: TradewindClient; accountId: string; userId: string };

/**
 * Registers `email`, enables 2FA, switches to live_trading, connects the fake's Binance account
 * and sets its limits. `clock`: the server's clock (TOTP codes follow it).
 */
export async function liveTrader(
  server: RunningServer,
  email: string,
  clock: () => number,
  limits = { maxOrderNotional: 50_000, maxOpenExposure: 60_000 },
): Promise<LiveTrader> {
  const clients = clientsFor(server);
  const login = await clients.register(email);
  const client = clients.withToken(login.accessToken);
  const enrollment = await client.auth.twoFactor.enroll.mutate();
  const totp = new TOTP({ secret: Secret.fromBase32(enrollment.secret), digits: 6, period: 30 });
  const code = (steps: number) => totp.generate({ timestamp: clock() + steps * 30_000 });
  await client.auth.twoFactor.verify.mutate({ totpCode: code(-1) });
  await client.system.setMode.mutate({ mode: 'live_trading', totpCode: code(0), confirm: true });
  const created = await client.accounts.create.mutate({
    exchange: 'binance',
    apiKey: LIVE_KEY.apiKey,
    apiSecret: LIVE_KEY.secret,
  });
  await client.live.setAccountLimits.mutate({ accountId: created.accountId, ...limits });
  return { client, accountId: created.accountId, userId: login.user.id };
}

/** POSTs of new orders the fake exchange received (answered or not). */
export const orderPosts = (fake: FakeExchange) =>
  fake.control.requests().filter((r) => r.method === 'POST' && r.path === '/api/v3/order');
