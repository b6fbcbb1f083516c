import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, registerUser } from '../support/clients.ts';
import { FAKE_KEYS, fakeAccounts, fakePrice, venueConfig } from './fake-exchange-support.ts';

let fake: FakeExchange;
let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
/** Every response body the server sent to either client, to search for secrets at the end. */
const responses: string[] = [];

function recordingClient(accessToken: string): TradewindClient {
  return createTradewindClient({
    url: server.url,
    headers: () => ({ authorization: `Bearer ${accessToken}` }),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      responses.push(await response.clone().text());
      return response;
    },
  });
}

beforeAll(async () => {
  fake = await startFakeExchange({ accounts: fakeAccounts() });
  server = await startTestServer({ venues: venueConfig(fake.url) });
  alice = recordingClient((await registerUser(server, 'alice-accounts', 'Alice')).accessToken);
  bob = recordingClient((await registerUser(server, 'bob-accounts', 'Bob')).accessToken);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

const { trading, withdrawing } = FAKE_KEYS;

describe('exchange accounts through the SDK against the fake exchange', () => {
  let accountId: string;

  it('lists providers (public) with the fields each needs', async () => {
    const anonymous = createTradewindClient({ url: server.url });
    const { providers } = await anonymous.providers.list.query();
    expect(providers.map((provider) => provider.id)).toEqual(
      expect.arrayContaining(['binance', 'kraken', 'kucoin', 'luno', 'bybit', 'paper']),
    );
    expect(providers.find((p) => p.id === 'kucoin')?.requiredFields).toEqual([
      'apiKey',
      'apiSecret',
      'passphrase',
    ]);
    expect(providers.find((p) => p.id === 'paper')).toMatchObject({
      type: 'paper',
      requiredFields: ['initialBalance'],
    });
  });

  it('creates a keyed account after the exchange accepted the keys; the keys never come back', async () => {
    const created = await alice.accounts.create.mutate({
      exchange: 'binance',
      apiKey: trading.apiKey,
      apiSecret: trading.secret,
    });
    expect(created).toMatchObject({ success: true, message: 'Account created successfully' });
    accountId = created.accountId;
    expect(created.account.accountInfo).toMatchObject({
      id: accountId,
      name: 'Binance',
      exchange: 'binance',
      isPaper: false,
      hasCredentials: true,
      keysValid: true,
    });
  });

  it('tests keys: stored ones, given ones, and rejected ones with the exchange reason', async () => {
    expect(await alice.accounts.testKeys.mutate({ accountId })).toEqual({
      success: true,
      message: 'API keys are valid',
      provider: 'binance',
      permissions: { canRead: true, canTrade: true, canWithdraw: false },
    });
    const given = await alice.accounts.testKeys.mutate({
      provider: 'binance',
      apiKey: trading.apiKey,
      apiSecret: trading.secret,
    });
    expect(given.success).toBe(true);
    const rejected = await failure(
      alice.accounts.testKeys.mutate({
        provider: 'binance',
        apiKey: trading.apiKey,
        apiSecret: `${trading.secret}-wrong`,
      }),
    );
    expect(rejected).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(rejected.message).toMatch(/^Invalid API credentials: .*signature/i);
  });

  it('syncs balance and equity valued with the exchange tickers, saying which pair and when', async () => {
    const synced = await alice.accounts.syncBalance.mutate({ id: accountId });
    expect(synced).toMatchObject({ success: true, currency: 'USD', balance: 10_000 });
    const byCurrency = Object.fromEntries(synced.valuation.conversions.map((c) => [c.currency, c]));
    expect(byCurrency.USDT).toMatchObject({
      pair: null,
      price: 1,
      note: 'USDT counted as USD 1:1',
    });
    expect(byCurrency.BTC).toMatchObject({ pair: 'BTC/USDT', amount: 0.5 });
    expect(byCurrency.ETH).toMatchObject({ pair: 'ETH/USDT', amount: 5 });
    expect(Date.parse(byCurrency.BTC?.priceTime ?? '')).toBeGreaterThan(Date.now() - 120_000);
    // The price is the fake's own ticker (its walk moves once a minute).
    expect(byCurrency.BTC?.price).toBeCloseTo(await fakePrice(fake, 'BTCUSDT'), -2);
    const expected = 10_000 + 0.5 * (byCurrency.BTC?.price ?? 0) + 5 * (byCurrency.ETH?.price ?? 0);
    expect(synced.equity).toBeCloseTo(expected, 6);

    const account = await alice.accounts.get.query({ id: accountId });
    expect(account.balances).toMatchObject({
      currency: 'USD',
      balance: 10_000,
      equity: synced.equity,
    });
    expect(account.balances.assets).toEqual(
      expect.arrayContaining([{ currency: 'BTC', free: 0.5, used: 0, total: 0.5 }]),
    );
  });

  it('reports performance over a time range from the syncs', async () => {
    await alice.accounts.syncBalance.mutate({ id: accountId });
    const report = await alice.accounts.performance.query({ id: accountId });
    expect(report.accountId).toBe(accountId);
    expect(report.metrics).toMatchObject({
      currency: 'USD',
      snapshots: 2,
      trades: 0,
      realizedPnl: 0,
    });
    expect(report.metrics.maxDrawdownPercent).toBeGreaterThanOrEqual(0);
    const before = await alice.accounts.performance.query({
      id: accountId,
      startDate: '2020-01-01T00:00:00Z',
      endDate: '2020-12-31T00:00:00Z',
    });
    expect(before.metrics).toMatchObject({ snapshots: 0, startEquity: null, pnl: null });
    const backwards = await failure(
      alice.accounts.performance.query({
        id: accountId,
        startDate: '2021-01-01T00:00:00Z',
        endDate: '2020-01-01T00:00:00Z',
      }),
    );
    expect(backwards).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(backwards.message).toContain('endDate');
  });

  it('lists accounts a page at a time, paper ones included', async () => {
    const paper = await alice.accounts.create.mutate({ exchange: 'paper', initialBalance: 2_500 });
    expect(paper.account.balances).toMatchObject({
      balance: 2_500,
      equity: 2_500,
      currency: 'USD',
    });
    const first = await alice.accounts.list.query({ limit: 1 });
    expect(first.pagination).toEqual({ total: 2, skip: 0, limit: 1 });
    expect(first.accounts[0]?.accountInfo.id).toBe(accountId);
    const second = await alice.accounts.list.query({ skip: 1, limit: 1 });
    expect(second.accounts[0]?.accountInfo).toMatchObject({ exchange: 'paper', isPaper: true });
    expect(second.accounts[0]?.performance).toMatchObject({ startEquity: 2_500, pnl: 0 });
    expect((await bob.accounts.list.query()).pagination.total).toBe(0);
  });

  it('lists platforms and checks health with a real call per configured exchange', async () => {
    const { platforms } = await alice.platforms.list.query();
    expect(platforms.find((p) => p.id === 'binance')).toMatchObject({
      displayName: 'Binance',
      enabled: true,
      supportsPaper: true,
      supportsLive: false,
      botLimit: 1,
    });
    const health = await alice.platforms.health.query();
    expect(health.platforms.binance).toMatchObject({
      status: 'operational',
      hasKeys: true,
      keysValid: true,
      error: null,
    });
    expect(health.platforms.binance?.apiLatencyMs).toEqual(expect.any(Number));
    expect(health.platforms.binance?.apiLatencyMs).toBeGreaterThanOrEqual(0);
    expect(health.platforms.kraken).toEqual({
      status: 'not_configured',
      hasKeys: false,
      keysValid: null,
      lastCheck: null,
      apiLatencyMs: null,
      error: null,
    });
  });

  it('totals the wallet in the user currency with the conversions behind it', async () => {
    const wallet = await alice.wallet.balances.query();
    expect(wallet.balances.binance).toEqual({ USDT: 10_000, BTC: 0.5, ETH: 5 });
    expect(wallet.balances.paper).toEqual({ USD: 2_500 });
    expect(wallet.errors).toEqual([]);
    const btc = wallet.conversions.find((c) => c.exchange === 'binance' && c.currency === 'BTC');
    expect(btc).toMatchObject({ pair: 'BTC/USDT', priceTime: expect.any(String) });
    const sum = wallet.conversions.reduce((total, c) => total + c.value, 0);
    expect(wallet.totalValue).toBeCloseTo(sum, 6);
    expect(wallet.totalValue).toBeGreaterThan(10_000 + 2_500);
  });

  it('replaces credentials only with keys the exchange accepts', async () => {
    const wrong = await failure(
      alice.accounts.updateCredentials.mutate({
        id: accountId,
        apiKey: 'unknown-key-123456',
        apiSecret: 'x'.repeat(20),
      }),
    );
    expect(wrong).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(wrong.message).toMatch(/^Invalid API credentials/);
    expect(await alice.accounts.testKeys.mutate({ accountId })).toMatchObject({ success: true });
    expect(
      await alice.accounts.updateCredentials.mutate({
        id: accountId,
        apiKey: trading.apiKey,
        apiSecret: trading.secret,
      }),
    ).toEqual({ success: true });
  });
});

/** Keys that are never sent: the request fails before any exchange call. */
const UNCHECKED_KEYS = { apiKey: 'k'.repeat(10), apiSecret: 's'.repeat(10) };

describe('bad input and faults', () => {
  it('an unknown exchange lists the known ones', async () => {
    const unknown = await failure(
      alice.accounts.create.mutate({ exchange: 'mtgox', ...UNCHECKED_KEYS }),
    );
    expect(unknown).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(unknown.message).toBe(
      'exchange: unknown exchange "mtgox"; known: binance, kraken, kucoin, luno, bybit, paper',
    );
  });

  it('KuCoin without a passphrase names the field', async () => {
    const missing = await failure(
      alice.accounts.create.mutate({ exchange: 'kucoin', ...UNCHECKED_KEYS }),
    );
    expect(missing).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(missing.message).toMatch(/^passphrase: KuCoin requires a passphrase/);
  });

  it('keys and paper balance are checked field by field', async () => {
    const paperWithKeys = await failure(
      alice.accounts.create.mutate({ exchange: 'paper', initialBalance: 10, apiKey: 'abcdef' }),
    );
    expect(paperWithKeys.message).toContain('apiKey');
    const paperKeys = await failure(
      alice.accounts.testKeys.mutate({ provider: 'paper', ...UNCHECKED_KEYS }),
    );
    expect(paperKeys.message).toBe('provider: paper accounts have no API keys to test');
    const noSecret = await failure(
      alice.accounts.create.mutate({ exchange: 'binance', apiKey: 'abcdef' }),
    );
    expect(noSecret.message).toContain('apiSecret');
  });

  it('refuses a key that can withdraw, and writes nothing', async () => {
    const before = (await alice.accounts.list.query()).pagination.total;
    const refused = await failure(
      alice.accounts.create.mutate({
        exchange: 'binance',
        apiKey: withdrawing.apiKey,
        apiSecret: withdrawing.secret,
      }),
    );
    expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(refused.message).toMatch(
      /can withdraw funds; create a key without withdrawal permission/,
    );
    expect((await alice.accounts.list.query()).pagination.total).toBe(before);
  });

  it("someone else's account is not found, whatever the call", async () => {
    const { accountId } = await alice.accounts.create.mutate({
      exchange: 'paper',
      initialBalance: 100,
    });
    // Called one at a time: each must fail the same way.
    const calls = [
      () => bob.accounts.get.query({ id: accountId }),
      () => bob.accounts.syncBalance.mutate({ id: accountId }),
      () => bob.accounts.performance.query({ id: accountId }),
      () => bob.accounts.delete.mutate({ id: accountId }),
      () => bob.accounts.testKeys.mutate({ accountId }),
      () =>
        bob.accounts.updateCredentials.mutate({
          id: accountId,
          apiKey: 'abcdefgh',
          apiSecret: 'abcdefgh',
        }),
    ];
    for (const call of calls) {
      expect(await failure(call())).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        message: `Account ${accountId} not found`,
      });
    }
    expect((await alice.accounts.get.query({ id: accountId })).accountInfo.id).toBe(accountId);
  });

  it('refuses to delete an account a running bot uses; deletes it once the bot stopped', async () => {
    const { accountId } = await alice.accounts.create.mutate({
      exchange: 'paper',
      initialBalance: 1_000,
    });
    const bot = await alice.bots.create.mutate({
      name: 'On account',
      initialCash: 1_000,
      symbols: ['AAPL'],
      strategy: 'MovingAverage',
    });
    // Bots choose their account in a later issue; until then the column is set directly.
    await server.deps.db.prisma.bot.update({ where: { id: bot.id }, data: { accountId } });
    const refused = await failure(alice.accounts.delete.mutate({ id: accountId }));
    expect(refused).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(refused.message).toBe(
      `Account ${accountId} is used by running bot ${bot.id} (On account): stop it first`,
    );
    expect((await alice.accounts.get.query({ id: accountId })).references).toEqual([
      { type: 'bot', id: bot.id, name: 'On account', status: 'ACTIVE' },
    ]);
    await alice.bots.stop.mutate({ botId: bot.id });
    expect(await alice.accounts.delete.mutate({ id: accountId })).toEqual({ success: true });
    expect(await failure(alice.accounts.get.query({ id: accountId }))).toMatchObject({
      status: 404,
    });
    const kept = await server.deps.db.prisma.bot.findUnique({ where: { id: bot.id } });
    expect(kept?.accountId).toBeNull();
  });

  it('an exchange answering 5xx is a PROVIDER_ERROR and nothing is half-written', async () => {
    const keys = { exchange: 'binance', apiKey: trading.apiKey, apiSecret: trading.secret };
    const { accountId } = await alice.accounts.create.mutate({ ...keys, name: 'Faulty' });
    const total = (await alice.accounts.list.query()).pagination.total;
    const before = await alice.accounts.get.query({ id: accountId });

    fake.control.injectFault({ kind: 'status', status: 503, path: '/api/v3/account', times: 2 });
    const create = await failure(alice.accounts.create.mutate(keys));
    expect(create).toMatchObject({ status: 502, code: 'PROVIDER_ERROR' });
    expect(create.message).toMatch(/^binance is unreachable or failing/);
    const update = await failure(
      alice.accounts.updateCredentials.mutate({
        id: accountId,
        apiKey: trading.apiKey,
        apiSecret: trading.secret,
      }),
    );
    expect(update).toMatchObject({ status: 502, code: 'PROVIDER_ERROR' });
    expect((await alice.accounts.list.query()).pagination.total).toBe(total);

    // The balances are read, then pricing them fails: neither balances nor equity are stored.
    fake.control.injectFault({
      kind: 'status',
      status: 503,
      path: '/api/v3/ticker/24hr',
      times: 1,
    });
    const sync = await failure(alice.accounts.syncBalance.mutate({ id: accountId }));
    expect(sync).toMatchObject({ status: 502, code: 'PROVIDER_ERROR' });
    const after = await alice.accounts.get.query({ id: accountId });
    expect(after).toEqual(before);
    expect(after.balances).toMatchObject({ assets: [], equity: null, lastSyncAt: null });
    expect((await alice.accounts.performance.query({ id: accountId })).metrics.snapshots).toBe(0);

    // One account the wallet cannot read is listed, not fatal.
    fake.control.injectFault({ kind: 'status', status: 503, path: '/api/v3/account', times: 1 });
    const wallet = await alice.wallet.balances.query();
    expect(wallet.errors).toHaveLength(1);
    expect(wallet.errors[0]?.message).toMatch(/^binance is unreachable or failing/);
    expect(wallet.balances.binance).toEqual({ USDT: 10_000, BTC: 0.5, ETH: 5 });

    // The faults are spent: the same sync now succeeds.
    expect(fake.control.faults()).toEqual([]);
    expect((await alice.accounts.syncBalance.mutate({ id: accountId })).balance).toBe(10_000);
  });

  it('a key that became able to withdraw shows in platform health', async () => {
    fake.control.updateAccount(trading.apiKey, { canWithdraw: true });
    try {
      const health = await alice.platforms.health.query();
      expect(health.platforms.binance).toMatchObject({
        status: 'degraded',
        hasKeys: true,
        keysValid: false,
      });
      expect(health.platforms.binance?.error).toMatch(/can withdraw funds/);
      const { accounts } = await alice.accounts.list.query({ limit: 1 });
      expect(accounts[0]?.accountInfo.keysValid).toBe(false);
    } finally {
      fake.control.updateAccount(trading.apiKey, { canWithdraw: false });
    }
  });

  it('keeps no exchange connection for keys it will not use: rejected, refused, replaced or deleted', async () => {
    const open = () => server.deps.venues.openConnections();
    const baseline = open();
    for (let i = 0; i < 3; i++) {
      const rejected = await failure(
        alice.accounts.create.mutate({
          exchange: 'binance',
          apiKey: trading.apiKey,
          apiSecret: `${trading.secret}-wrong-${i}`,
        }),
      );
      expect(rejected.message).toMatch(/^Invalid API credentials/);
    }
    await failure(
      alice.accounts.create.mutate({
        exchange: 'binance',
        apiKey: withdrawing.apiKey,
        apiSecret: withdrawing.secret,
      }),
    );
    expect(open()).toBe(baseline);

    const { accountId: keyed } = await alice.accounts.create.mutate({
      exchange: 'binance',
      apiKey: trading.apiKey,
      apiSecret: trading.secret,
      name: 'Short-lived',
    });
    const withKeys = open();
    expect(withKeys).toBeGreaterThanOrEqual(1);
    expect(await alice.accounts.delete.mutate({ id: keyed })).toEqual({ success: true });
    expect(open()).toBe(withKeys - 1);
  });

  it('an unreachable exchange is a PROVIDER_ERROR; health says down', async () => {
    const { accounts } = await alice.accounts.list.query({ limit: 1 });
    const id = accounts[0]?.accountInfo.id ?? '';
    await fake.close();
    const sync = await failure(alice.accounts.syncBalance.mutate({ id }));
    expect(sync).toMatchObject({ status: 502, code: 'PROVIDER_ERROR' });
    const health = await alice.platforms.health.query();
    expect(health.platforms.binance).toMatchObject({
      status: 'down',
      hasKeys: true,
      apiLatencyMs: null,
    });
  });

  it('no response ever carried a submitted secret', () => {
    expect(responses.length).toBeGreaterThan(20);
    const all = responses.join('\n');
    for (const secret of [trading.secret, withdrawing.secret, `${trading.secret}-wrong`]) {
      expect(all).not.toContain(secret);
    }
  });
});
