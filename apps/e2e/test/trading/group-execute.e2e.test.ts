import { randomUUID } from 'node:crypto';
import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { venueConfig } from '../accounts/fake-exchange-support.ts';
import { clientWithToken, failure, registerUser } from '../support/clients.ts';
import { createAccounts, TRADING_KEYS, tradingAccounts } from './trading-support.ts';

let fake: FakeExchange;
let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
let accounts: string[];
let groupId: string;
let bobsGroup: string;

const [one, two, three, other] = TRADING_KEYS as [
  (typeof TRADING_KEYS)[number],
  (typeof TRADING_KEYS)[number],
  (typeof TRADING_KEYS)[number],
  (typeof TRADING_KEYS)[number],
];

/** Orders the fake exchange received (placements and cancels). */
const orderRequests = () =>
  fake.control.requests().filter((request) => request.path === '/api/v3/order').length;

beforeAll(async () => {
  fake = await startFakeExchange({ accounts: tradingAccounts() });
  server = await startTestServer({ venues: venueConfig(fake.url) });
  alice = clientWithToken(server, (await registerUser(server, 'alice-trading')).accessToken);
  bob = clientWithToken(server, (await registerUser(server, 'bob-trading')).accessToken);
  accounts = await createAccounts(alice, [one, two, three]);
  groupId = (await alice.groups.create.mutate({ name: 'Three', accounts })).id;
  await createAccounts(bob, [other]);
  bobsGroup = (await bob.groups.create.mutate({ name: 'Bobs' })).id;
}, 180_000);
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('group execution on three exchange accounts (seed 001 Trading API)', {
  timeout: 120_000,
}, () => {
  it('one account rejected: success_count 2, error_count 1 with the exchange reason; take-profits linked', async () => {
    fake.control.updateAccount(two.apiKey, { canTrade: false });
    const execution = await alice.trading.executeGroup.mutate({
      groupId,
      symbol: 'BTC/USDT',
      side: 'buy',
      orderType: 'market',
      riskPercentage: 10,
      takeProfit: 1_000_000,
      idempotencyKey: 'first-entry',
    });
    fake.control.updateAccount(two.apiKey, { canTrade: true });
    expect(execution).toMatchObject({ successCount: 2, errorCount: 1, replayed: false });
    const [a, b, c] = execution.results;
    expect(a).toMatchObject({ accountId: accounts[0], status: 'filled', error: null });
    expect(b).toMatchObject({
      accountId: accounts[1],
      status: 'error',
      orderId: null,
      error: expect.stringContaining('This action is disabled on this account.'),
    });
    expect(c).toMatchObject({ accountId: accounts[2], status: 'filled' });
    for (const result of [a, c]) {
      // 10 % of 10,000 USDT at about 60,000: about 0.0166 BTC, in the market's 0.00001 step.
      expect(result?.quantity).toBeGreaterThan(0.01);
      expect(result?.quantity).toBeLessThan(0.03);
      expect(Math.round((result?.quantity ?? 0) * 1e5) / 1e5).toBe(result?.quantity);
      expect(result?.filled).toBe(result?.quantity);
      expect(result?.fee).toBeGreaterThan(0);
      expect(result?.takeProfitOrderId).toEqual(expect.any(String));
      expect(result?.clientOrderId).toMatch(/^tw-[0-9a-f]{24}$/);
    }
  });

  it('the same idempotency key answers the first execution again and sends nothing', async () => {
    const before = orderRequests();
    const again = await alice.trading.executeGroup.mutate({
      groupId,
      symbol: 'BTC/USDT',
      side: 'buy',
      riskPercentage: 10,
      takeProfit: 1_000_000,
      idempotencyKey: 'first-entry',
    });
    expect(again).toMatchObject({ successCount: 2, errorCount: 1, replayed: true });
    expect(orderRequests()).toBe(before);
    expect(
      await failure(
        alice.trading.executeGroup.mutate({
          groupId,
          symbol: 'ETH/USDT',
          side: 'buy',
          riskPercentage: 10,
          idempotencyKey: 'first-entry',
        }),
      ),
    ).toMatchObject({
      status: 409,
      message: 'idempotencyKey: already used for a different order; use a new key',
    });
  });

  it('refuses bad input: below the market minimum, leverage on spot, someone else group', async () => {
    const tiny = await alice.trading.executeGroup.mutate({
      groupId,
      symbol: 'BTC/USDT',
      side: 'buy',
      riskPercentage: 0.001,
    });
    expect(tiny).toMatchObject({ successCount: 0, errorCount: 3 });
    for (const result of tiny.results) {
      expect(result.error).toMatch(/^order below the market minimum: .*below the market's minimum/);
    }
    const leverage = await failure(
      alice.trading.executeGroup.mutate({
        groupId,
        symbol: 'BTC/USDT',
        side: 'buy',
        riskPercentage: 5,
        leverage: 5,
      }),
    );
    expect(leverage).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(leverage.message).toMatch(/^leverage: account Binance one \(binance\) trades spot/);
    const foreign = await failure(
      alice.trading.executeGroup.mutate({
        groupId: bobsGroup,
        symbol: 'BTC/USDT',
        side: 'buy',
        riskPercentage: 5,
      }),
    );
    expect(foreign).toMatchObject({ status: 404, message: `Group ${bobsGroup} not found` });
    const limit = await failure(
      alice.trading.executeGroup.mutate({
        groupId,
        symbol: 'BTC/USDT',
        side: 'buy',
        orderType: 'limit',
        riskPercentage: 5,
      }),
    );
    expect(limit.status).toBe(400);
    expect(limit.message).toContain('price');
  });

  it('an exchange outage mid-execute: that account errors, the others fill, nothing left pending', async () => {
    const fault = fake.control.injectFault({
      kind: 'status',
      status: 503,
      method: 'POST',
      path: '/api/v3/order',
      times: 1,
    });
    const execution = await alice.trading.executeGroup.mutate({
      groupId,
      symbol: 'ETH/USDT',
      side: 'buy',
      riskPercentage: 5,
    });
    fake.control.removeFault(fault);
    expect(execution).toMatchObject({ successCount: 2, errorCount: 1 });
    const failed = execution.results.filter((result) => result.status === 'error');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error).toMatch(/binance/i);
    expect(failed[0]?.orderId).toBeNull();
    expect(execution.results.filter((result) => result.status === 'pending')).toEqual([]);
    // The account that errored holds no ETH position; the two that filled do.
    const open = await Promise.all(
      accounts.map((id) => alice.trading.positions.query({ accountId: id, status: 'open' })),
    );
    expect(open.map((positions) => positions.some((p) => p.symbol === 'ETH/USDT'))).toEqual(
      execution.results.map((result) => result.status === 'filled'),
    );
  });

  it('positions, close one, terminate an account (orders cancelled, positions closed, counted)', async () => {
    const [first] = accounts as [string];
    const open = await alice.trading.positions.query({ accountId: first, status: 'open' });
    expect(open.find((position) => position.symbol === 'BTC/USDT')).toMatchObject({
      side: 'long',
      closedAt: null,
      entryPrice: expect.any(Number),
    });
    const closed = await alice.trading.closePosition.mutate({
      accountId: first,
      symbol: 'BTC/USDT',
    });
    expect(closed).toMatchObject({ success: true, message: 'Position closed', symbol: 'BTC/USDT' });
    const history = await alice.trading.positions.query({ accountId: first, limit: 10 });
    expect(history[0]).toMatchObject({
      symbol: 'BTC/USDT',
      exitPrice: expect.any(Number),
      closedAt: expect.any(String),
      openQuantity: 0,
    });
    expect(history[0]?.fee).toBeGreaterThan(0);
    expect(
      await failure(alice.trading.closePosition.mutate({ accountId: first, symbol: 'BTC/USDT' })),
    ).toMatchObject({ status: 404 });

    // The third account still has its BTC take-profit resting and its BTC position open.
    const third = accounts[2] as string;
    const terminated = await alice.trading.terminateAccount.mutate({ accountId: third });
    expect(terminated).toMatchObject({ success: true, cancelledOrders: 1, errors: [] });
    expect(terminated.terminatedPositions).toBeGreaterThanOrEqual(1);
    expect(await alice.trading.positions.query({ accountId: third, status: 'open' })).toEqual([]);
    expect(
      (await alice.trading.positions.query({ accountId: third })).map((p) => p.symbol),
    ).toContain('BTC/USDT');
    expect(
      await failure(
        // No such account (a fresh id: editing a real one's last digit can give it back).
        alice.trading.terminateAccount.mutate({ accountId: randomUUID() }),
      ),
    ).toMatchObject({ status: 404 });
    const bobs = await failure(bob.trading.positions.query({ accountId: first }));
    expect(bobs).toMatchObject({ status: 404 });
  });

  it('a group past its max drawdown stops opening positions and raises one alert', async () => {
    const [first, second] = accounts as [string, string];
    const guarded = await alice.groups.create.mutate({ name: 'Guarded', maxDrawdown: 10 });
    await alice.groups.addAccounts.mutate({ id: guarded.id, accountIds: [first, second] });
    await alice.accounts.syncBalance.mutate({ id: first });
    await alice.accounts.syncBalance.mutate({ id: second });
    // The first account loses most of its cash: the group's equity falls far below its peak.
    fake.control.updateAccount(one.apiKey, { balances: { USDT: 100, ETH: 0 } });
    await alice.accounts.syncBalance.mutate({ id: first });
    const before = orderRequests();
    const order = {
      groupId: guarded.id,
      symbol: 'BTC/USDT',
      side: 'buy' as const,
      riskPercentage: 5,
    };
    const refused = await failure(alice.trading.executeGroup.mutate(order));
    expect(refused).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(refused.message).toMatch(
      /^group Guarded is halted: equity .* past its max drawdown of 10%/,
    );
    expect(await failure(alice.trading.executeGroup.mutate(order))).toMatchObject({ status: 409 });
    expect(orderRequests()).toBe(before);
    const { alerts } = await alice.alerts.list.query({ kind: 'group_max_drawdown' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      botId: null,
      values: { groupId: guarded.id, maxDrawdown: 10 },
    });
    const metrics = await alice.groups.metrics.query({ id: guarded.id });
    expect(metrics.riskMetrics.halted).toBe(true);
    expect(metrics.riskMetrics.drawdownPercent).toBeGreaterThan(10);
  });
});
