import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Run, tradewind as runTradewind } from '@tradewind/cli/testing';
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
let apiKey: string;
let configDir: string;
let accounts: string[];

/** The real `tradewind` binary with Alice's API key. */
function tradewind(args: string[]): Promise<Run> {
  return runTradewind(['--url', server.url, ...args], {
    env: { TRADEWIND_API_KEY: apiKey, TRADEWIND_CONFIG_DIR: configDir },
  });
}

async function json(args: string[]) {
  const run = await tradewind([...args, '--json']);
  expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout);
}

beforeAll(async () => {
  fake = await startFakeExchange({ accounts: tradingAccounts() });
  server = await startTestServer({ venues: venueConfig(fake.url) });
  alice = clientWithToken(server, (await registerUser(server, 'alice-trading-cli')).accessToken);
  bob = clientWithToken(server, (await registerUser(server, 'bob-trading-cli')).accessToken);
  apiKey = (
    await alice.apiKeys.create.mutate({
      name: 'cli',
      scopes: ['CONTROL', 'accounts:write'],
    })
  ).key;
  configDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-cli-trading-'));
  accounts = await createAccounts(alice, TRADING_KEYS.slice(0, 3));
}, 180_000);
afterAll(async () => {
  await server?.close();
  await fake?.close();
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

describe('tradewind groups, trade, positions, accounts terminate, transfers', {
  timeout: 240_000,
}, () => {
  let groupId: string;

  it('groups create/list/show, then a group execute where one account is rejected', async () => {
    const group = await json([
      'groups',
      'create',
      'Desk',
      ...accounts.flatMap((id) => ['--account', id]),
      '--max-drawdown',
      '30',
    ]);
    groupId = group.id;
    expect(group).toMatchObject({ name: 'Desk', accounts, maxDrawdown: 30 });
    const list = await tradewind(['groups', 'list']);
    expect(list.stdout).toMatch(/Desk\s*│\s*3\s*│\s*30 %\s*│\s*no/);

    fake.control.updateAccount(TRADING_KEYS[1]?.apiKey ?? '', { canTrade: false });
    const run = await tradewind([
      'trade',
      'execute',
      '--group',
      groupId,
      '--symbol',
      'BTC/USDT',
      '--side',
      'buy',
      '--risk',
      '10',
    ]);
    fake.control.updateAccount(TRADING_KEYS[1]?.apiKey ?? '', { canTrade: true });
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('2 succeeded, 1 failed');
    expect(run.stdout).toContain('This action is disabled on this account.');

    const leverage = await tradewind([
      'trade',
      'execute',
      '--group',
      groupId,
      '--symbol',
      'BTC/USDT',
      '--side',
      'buy',
      '--risk',
      '10',
      '--leverage',
      '3',
    ]);
    expect(leverage.code).not.toBe(0);
    expect(leverage.stderr).toMatch(/leverage: account Binance one \(binance\) trades spot/);
  });

  it('positions <account>, trade close, accounts terminate', async () => {
    const [first, , third] = accounts as [string, string, string];
    const open = await json(['positions', first, '--status', 'open']);
    expect(open).toEqual([expect.objectContaining({ symbol: 'BTC/USDT', closedAt: null })]);
    const closed = await tradewind(['trade', 'close', first, 'BTC/USDT']);
    expect(closed, closed.stderr).toMatchObject({ code: 0 });
    expect(closed.stdout).toMatch(/^Position closed: /);
    const table = await tradewind(['positions', first]);
    expect(table.stdout).toMatch(/BTC\/USDT\s*│\s*long/);

    const terminated = await json(['accounts', 'terminate', third]);
    expect(terminated).toMatchObject({ success: true, terminatedPositions: 1, errors: [] });
    expect(await json(['positions', third, '--status', 'open'])).toEqual([]);
    const missing = await tradewind(['accounts', 'terminate', 'not-a-uuid']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('must be an account id (a UUID)');
  });

  it('transfers request, list, update; never someone else', async () => {
    const requested = await json(['transfers', 'request', 'luno', 'binance', '1000', 'ZAR']);
    expect(requested).toMatchObject({
      success: true,
      transfer: {
        status: 'pending',
        message: 'Transfer recorded. Manual action required for real exchange transfer.',
      },
    });
    const id = requested.transfer.id as string;
    expect(await json(['transfers', 'list'])).toEqual([
      expect.objectContaining({
        id,
        fromProvider: 'luno',
        toProvider: 'binance',
        amount: 1000,
        currency: 'ZAR',
        status: 'pending',
        reason: 'manual_allocation',
      }),
    ]);
    const updated = await json([
      'transfers',
      'update',
      id,
      '--status',
      'completed',
      '--note',
      'ref 42',
    ]);
    expect(updated).toMatchObject({ status: 'completed', note: 'ref 42' });
    expect(
      await failure(bob.transfers.updateStatus.mutate({ id, status: 'cancelled' })),
    ).toMatchObject({ status: 404 });
    expect((await bob.transfers.list.query()).transfers).toEqual([]);
    const same = await tradewind(['transfers', 'request', 'luno', 'luno', '5', 'ZAR']);
    expect(same.code).not.toBe(0);
    expect(same.stderr).toContain('toProvider: must differ from fromProvider');
    const unknown = await tradewind(['transfers', 'request', 'nowhere', 'luno', '5', 'ZAR']);
    expect(unknown.stderr).toMatch(/fromProvider: unknown provider "nowhere"; known: binance/);
  });

  it('bots connect-account, accounts, terminate-accounts, disconnect-account; never someone else', async () => {
    const bot = await alice.bots.create.mutate({
      initialCash: 10_000,
      symbols: ['AAPL'],
      strategy: 'MovingAverage',
      params: { fast: 3, slow: 8 },
    });
    const [first, second] = accounts as [string, string];
    for (const account of [first, second]) {
      const run = await tradewind(['bots', 'connect-account', String(bot.id), account]);
      expect(run, run.stderr).toMatchObject({ code: 0, stdout: 'Account connected\n' });
    }
    const connected = await json(['bots', 'accounts', String(bot.id)]);
    expect(connected.map((account: { id: string }) => account.id)).toEqual([first, second]);
    expect(connected[0]).toMatchObject({
      name: 'Binance one',
      exchange: 'binance',
      isActive: true,
    });

    // A position on the second account (a group execute) is closed by terminating the bot.
    await alice.trading.executeGroup.mutate({
      groupId,
      symbol: 'ETH/USDT',
      side: 'buy',
      riskPercentage: 5,
    });
    const terminated = await json(['bots', 'terminate-accounts', String(bot.id)]);
    expect(terminated).toMatchObject({ success: true, terminatedAccounts: 2, errors: [] });
    expect(terminated.terminatedPositions).toBeGreaterThanOrEqual(2);
    expect(await json(['positions', second, '--status', 'open'])).toEqual([]);

    const performance = await alice.botAccounts.performance.query({ botId: bot.id });
    expect(performance).toMatchObject({ botId: bot.id, daily: [], accounts: {} });

    const run = await tradewind(['bots', 'disconnect-account', String(bot.id), second]);
    expect(run.stdout).toBe('Account disconnected\n');
    const again = await tradewind(['bots', 'disconnect-account', String(bot.id), second]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(
      `accountId: account ${second} is not connected to bot ${bot.id}`,
    );
    expect(
      await failure(bob.botAccounts.connect.mutate({ botId: bot.id, accountId: first })),
    ).toMatchObject({ status: 404 });
    const bobsBot = await bob.bots.create.mutate({
      initialCash: 1_000,
      symbols: ['AAPL'],
      strategy: 'MovingAverage',
      params: { fast: 3, slow: 8 },
    });
    expect(
      await failure(bob.botAccounts.connect.mutate({ botId: bobsBot.id, accountId: first })),
    ).toMatchObject({ status: 404, message: `Account ${first} not found` });
  });
});
