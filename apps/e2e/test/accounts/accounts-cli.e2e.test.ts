import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Run, tradewind as runTradewind } from '@tradewind/cli/testing';
import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import { createTradewindClient } from '@tradewind/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { FAKE_KEYS, fakeAccounts } from './fake-exchange-support.ts';

let fake: FakeExchange;
let server: ServerProcess;
let apiKey: string;
let configDir: string;
/** Everything the CLI printed, searched for secrets at the end. */
const outputs: string[] = [];

/** Runs the real `tradewind` binary with Alice's API key, `stdin` piped in (or closed). */
async function tradewind(args: string[], stdin = ''): Promise<Run> {
  const run = await runTradewind(['--url', server.url, ...args], {
    env: { TRADEWIND_API_KEY: apiKey, TRADEWIND_CONFIG_DIR: configDir },
    stdin,
  });
  outputs.push(run.stdout, run.stderr);
  return run;
}

function json(run: Run) {
  expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout);
}

beforeAll(async () => {
  fake = await startFakeExchange({ accounts: fakeAccounts() });
  server = await startServerProcess(
    {
      // Every log line the server can write, so the search below covers them all.
      LOG_LEVEL: 'trace',
      EXCHANGE_URL_OVERRIDES: `binance=${fake.url}`,
      EXCHANGE_ALLOW_PRIVATE_URLS: 'true',
    },
    // A fresh process compiles its sources and migrates its database: slow on a loaded machine.
    180_000,
  );
  configDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-cli-accounts-'));
  const anonymous = createTradewindClient({ url: server.url });
  const { accessToken } = await anonymous.auth.register.mutate({
    email: 'carol-accounts@example.com',
    password: PASSWORD,
    firstName: 'Carol',
  });
  const carol = createTradewindClient({
    url: server.url,
    headers: () => ({ authorization: `Bearer ${accessToken}` }),
  });
  apiKey = (
    await carol.apiKeys.create.mutate({ name: 'cli', scopes: ['CONTROL', 'accounts:write'] })
  ).key;
}, 240_000);
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

const { trading, withdrawing } = FAKE_KEYS;

// Each step runs the binary several times; on a loaded machine a start takes seconds.
describe('tradewind accounts, providers, platforms, wallet', { timeout: 240_000 }, () => {
  let accountId: string;

  it('providers: the exchanges and paper, with their fields', async () => {
    const table = await tradewind(['providers']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /kucoin\s*│\s*exchange\s*│\s*KuCoin\s*│\s*apiKey, apiSecret, passphrase/,
    );
    expect(
      json(await tradewind(['providers', '--json'])).map((p: { id: string }) => p.id),
    ).toContain('paper');
  });

  it('create: the secret from stdin, never from a flag; then test, sync, show', async () => {
    const created = json(
      await tradewind(
        [
          'accounts',
          'create',
          'binance',
          '--api-key',
          trading.apiKey,
          '--api-secret-stdin',
          '--json',
        ],
        `${trading.secret}\n`,
      ),
    );
    expect(created).toMatchObject({
      success: true,
      account: { accountInfo: { exchange: 'binance', hasCredentials: true } },
    });
    accountId = created.accountId;

    const noTerminal = await tradewind([
      'accounts',
      'create',
      'binance',
      '--api-key',
      trading.apiKey,
    ]);
    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toMatch(
      /cannot prompt for the API secret without a terminal; pipe it with --api-secret-stdin/,
    );
    const flag = await tradewind(['accounts', 'create', 'binance', '--api-secret', trading.secret]);
    expect(flag.code).not.toBe(0);
    expect(flag.stderr).toContain("unknown option '--api-secret'");

    const tested = await tradewind(['accounts', 'test', accountId]);
    expect(tested).toMatchObject({ code: 0, stderr: '' });
    expect(tested.stdout).toBe('API keys are valid (binance): read yes, trade yes, withdraw no\n');

    const synced = json(await tradewind(['accounts', 'sync', accountId, '--json']));
    expect(synced).toMatchObject({ success: true, balance: 10_000, currency: 'USD' });
    const human = await tradewind(['accounts', 'sync', accountId]);
    expect(human.stdout).toMatch(/BTC\/USDT/);
    expect(human.stdout).toMatch(/USDT counted as USD 1:1/);

    const shown = await tradewind(['accounts', 'show', accountId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Keys\s*│\s*valid at/);
    expect(shown.stdout).toMatch(/BTC\s*│\s*0\.5\s*│\s*0\s*│\s*0\.5/);
  });

  it('test: keys given on the command line (secret from stdin), and rejected ones', async () => {
    const args = ['accounts', 'test', '--exchange', 'binance', '--api-key', trading.apiKey];
    const ok = await tradewind([...args, '--api-secret-stdin'], trading.secret);
    expect(ok.stdout).toMatch(/^API keys are valid \(binance\)/);
    const bad = await tradewind([...args, '--api-secret-stdin'], 'not-the-secret-at-all');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Invalid API credentials: /);
  });

  it('list, performance, platforms --health with measured latency, wallet totals', async () => {
    const paper = json(
      await tradewind(['accounts', 'create', 'paper', '--initial-balance', '500', '--json']),
    );
    const list = json(await tradewind(['accounts', 'list', '--json']));
    expect(list.pagination).toEqual({ total: 2, skip: 0, limit: 20 });
    const table = await tradewind(['accounts', 'list']);
    expect(table.stdout).toContain(accountId);
    expect(table.stdout).toContain(paper.accountId);

    const performance = json(await tradewind(['accounts', 'performance', accountId, '--json']));
    expect(performance.metrics).toMatchObject({ snapshots: 2, currency: 'USD' });
    const range = await tradewind([
      'accounts',
      'performance',
      accountId,
      '--from',
      '2020-01-01T00:00:00Z',
      '--to',
      '2020-02-01T00:00:00Z',
    ]);
    expect(range.stdout).toMatch(/Syncs\s*│\s*0/);

    const platforms = await tradewind(['platforms']);
    expect(platforms.stdout).toMatch(/binance\s*│\s*Binance/);
    const health = json(await tradewind(['platforms', '--health', '--json']));
    expect(health.platforms.binance).toMatchObject({
      status: 'operational',
      hasKeys: true,
      keysValid: true,
    });
    expect(health.platforms.binance.apiLatencyMs).toBeGreaterThanOrEqual(0);
    expect(health.platforms.kucoin.status).toBe('not_configured');
    const healthTable = await tradewind(['platforms', '--health']);
    expect(healthTable.stdout).toMatch(
      /binance\s*│\s*operational\s*│\s*yes\s*│\s*yes\s*│\s*\d+ ms/,
    );

    const wallet = json(await tradewind(['wallet', 'balances', '--json']));
    expect(wallet.balances).toEqual({
      binance: { USDT: 10_000, BTC: 0.5, ETH: 5 },
      paper: { USD: 500 },
    });
    expect(wallet.totalValue).toBeGreaterThan(10_500);
    const walletTable = await tradewind(['wallet', 'balances']);
    expect(walletTable.stdout).toMatch(/Total: [\d,.]+ USD as of /);
    expect(walletTable.stdout).toMatch(/BTC\/USDT/);
  });

  it('bad input: unknown exchange, KuCoin without passphrase, a withdraw-enabled key', async () => {
    const unknown = await tradewind(
      ['accounts', 'create', 'mtgox', '--api-key', 'abcdefgh', '--api-secret-stdin'],
      'abcdefgh',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'unknown exchange "mtgox"; known: binance, kraken, kucoin, luno, bybit, paper',
    );
    const kucoin = await tradewind(
      ['accounts', 'create', 'kucoin', '--api-key', 'abcdefgh', '--api-secret-stdin'],
      'abcdefgh',
    );
    expect(kucoin.code).toBe(1);
    expect(kucoin.stderr).toContain('passphrase: KuCoin requires a passphrase');
    const withdraw = await tradewind(
      ['accounts', 'create', 'binance', '--api-key', withdrawing.apiKey, '--api-secret-stdin'],
      withdrawing.secret,
    );
    expect(withdraw.code).toBe(1);
    expect(withdraw.stderr).toContain('can withdraw funds');
    const missing = await tradewind(['accounts', 'show', '00000000-0000-4000-8000-000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Account 00000000-0000-4000-8000-000000000000 not found');
  });

  it('update-credentials and delete', async () => {
    const updated = await tradewind(
      [
        'accounts',
        'update-credentials',
        accountId,
        '--api-key',
        trading.apiKey,
        '--api-secret-stdin',
      ],
      trading.secret,
    );
    expect(updated).toMatchObject({
      code: 0,
      stdout: `Credentials of account ${accountId} updated\n`,
    });
    expect(json(await tradewind(['accounts', 'delete', accountId, '--json']))).toEqual({
      success: true,
    });
    expect((await tradewind(['accounts', 'show', accountId])).code).toBe(1);
  });

  it('no secret in any server log line or CLI output', async () => {
    const log = server.stdout() + server.stderr();
    // The log is really there: the requests above were logged at trace level.
    expect(log).toContain('accounts.create');
    for (const secret of [trading.secret, withdrawing.secret, 'not-the-secret-at-all']) {
      expect(log).not.toContain(secret);
      expect(outputs.join('\n')).not.toContain(secret);
    }
  });
});
