import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { tradewindBin as bin } from '@tradewind/cli/testing';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { seedAlert, sendAlert } from './webhook-support.ts';

let server: RunningServer;
let alice: TradewindClient;
let apiKey: string;
let configDir: string;

/** Runs the real `tradewind` binary against the test server with Alice's API key. */
async function tradewind(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [bin, '--url', server.url, ...args],
      {
        env: {
          ...process.env,
          TRADEWIND_API_KEY: apiKey,
          TRADEWIND_PROFILE: '',
          TRADEWIND_URL: '',
          TRADEWIND_CONFIG_DIR: configDir,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 60_000 });
  configDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-cli-tradingview-'));
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('alice@example.com', 'Alice')).accessToken);
  apiKey = (await alice.apiKeys.create.mutate({ name: 'cli', scopes: ['CONTROL'] })).key;
  await alice.bots.create.mutate({
    name: 'Swing',
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
  });
});
afterAll(async () => {
  await server?.close();
  await rm(configDir, { recursive: true, force: true });
});

describe('tradewind tradingview', () => {
  it('token: none, rotate (shown once with the webhook URL), show, revoke', async () => {
    const none = await tradewind('tradingview', 'token');
    expect(none).toMatchObject({ code: 0, stderr: '' });
    expect(none.stdout).toMatch(/^No TradingView webhook token/);

    const rotated = await tradewind('tradingview', 'token', 'rotate', '--json');
    expect(rotated.code).toBe(0);
    const created = JSON.parse(rotated.stdout);
    expect(created.webhookUrl).toBe(
      `${server.url}/api/v1/webhook/tradingview?token=${encodeURIComponent(created.token)}`,
    );
    // The printed URL is the one to paste into TradingView: it works as is.
    const posted = await fetch(created.webhookUrl, {
      method: 'POST',
      body: JSON.stringify(seedAlert('Swing', { size: '1' })),
    });
    expect(posted.status).toBe(200);

    const shown = await tradewind('tradingview', 'token', 'show');
    expect(shown.stdout).toContain(`${created.token.slice(0, 12)}…`);
    expect(shown.stdout).not.toContain(created.token);
    expect(shown.stdout).not.toMatch(/Last used\s*│\s*never/);

    const human = await tradewind('tradingview', 'token', 'rotate');
    expect(human.stdout).toMatch(/Token\s*│\s*tvw_/);
    expect(human.stdout).toContain('never shown again');

    expect((await tradewind('tradingview', 'token', 'revoke')).stdout).toBe(
      'TradingView webhook token revoked\n',
    );
    const again = await tradewind('tradingview', 'token', 'revoke');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/No TradingView webhook token/);
  });

  it('signals: the log as a table and as JSON, filtered', async () => {
    const { token } = await alice.signals.rotateToken.mutate();
    const executed = await sendAlert(server, seedAlert('Swing', { size: '2' }), { token });
    const rejected = await sendAlert(server, seedAlert('Ghost'), { token });
    expect([executed.status, rejected.status]).toEqual([200, 404]);

    const json = await tradewind('tradingview', 'signals', '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const page = JSON.parse(json.stdout);
    expect(page.total).toBe(3);
    expect(page.signals[0]).toMatchObject({
      id: rejected.body.correlation_id,
      status: 'REJECTED',
      httpStatus: 404,
      reason: 'botname: you have no bot named "Ghost"',
    });

    const table = await tradewind('tradingview', 'signals', '--status', 'REJECTED');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(rejected.body.correlation_id);
    expect(table.stdout).toContain('REJECTED (404)');
    expect(table.stdout).toContain('you have no bot named "Ghost"');
    expect(table.stdout).not.toContain(executed.body.data.correlation_id);

    const onBot = JSON.parse(
      (await tradewind('tradingview', 'signals', '--bot', 'swing', '--json')).stdout,
    );
    expect(onBot.signals.map((signal: { status: string }) => signal.status)).toEqual([
      'EXECUTED',
      'EXECUTED',
    ]);
    const executedTable = await tradewind(
      'tradingview',
      'signals',
      '--status',
      'EXECUTED',
      '--limit',
      '1',
    );
    expect(executedTable.stdout).toMatch(/BUY 2 @ \d/);
    expect(executedTable.stdout).toContain('Signals 1-1 of 2; --offset 1 for older ones.');

    const bad = await tradewind('tradingview', 'signals', '--status', 'DONE');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Allowed choices are PROCESSING, EXECUTED/);
  });
});
