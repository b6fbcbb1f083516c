import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientWithToken,
  cliHome,
  oneLineFailure,
  registerUser,
  removeCliHomes,
} from './support/cli-fixtures.ts';

let server: RunningServer;
let home: Awaited<ReturnType<typeof cliHome>>;
let sdk: ReturnType<typeof clientWithToken>;
let alphaId: number;

const status = async () => (await sdk.bots.get.query({ botId: alphaId })).status;

beforeAll(async () => {
  // Bars a minute apart: the bot holds still while the CLI talks about it.
  server = await startTestServer({ simulatorBarMs: 60_000 });
  const user = await registerUser(server, 'Carol');
  sdk = clientWithToken(server, user.tokens.accessToken);
  alphaId = (
    await sdk.bots.create.mutate({
      name: 'Alpha',
      initialCash: 10_000,
      symbols: ['AAPL'],
      strategy: 'MovingAverage',
    })
  ).id;
  home = await cliHome();
  expect((await home.login(server, user)).code).toBe(0);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await removeCliHomes();
});

describe('tradewind chat', () => {
  it('answers one question', async () => {
    const run = await home.run(['chat', 'how', 'are', 'my', 'bots?']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^You have 1 active bot \(1 in all\)\. Capital: USD 10,000\.00\./);
  });

  it('never acts on a one-shot command without a terminal; --confirm does, once', async () => {
    const run = await home.run(['chat', 'pause alpha']);
    expect(run.code).toBe(0);
    const token = run.stdout.match(/tradewind chat --confirm (twc_\S+)/)?.[1];
    expect(run.stdout).toContain(`I can do this for you: pause Alpha (#${alphaId}).`);
    expect(token).toBeDefined();
    expect(await status()).toBe('ACTIVE');
    const confirmed = await home.run(['chat', '--confirm', token as string]);
    expect(confirmed).toMatchObject({ code: 0, stdout: `Paused Alpha (#${alphaId}).\n` });
    expect(await status()).toBe('PAUSED');
    expect(oneLineFailure(await home.run(['chat', '--confirm', token as string]))).toMatch(
      /^token: this confirmation was already used/,
    );
  });

  it('confirms with --yes', async () => {
    const run = await home.run(['chat', 'resume alpha', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Resumed Alpha (#${alphaId}).`);
    expect(await status()).toBe('ACTIVE');
  });

  it('holds an interactive session: greeting, history, y/N confirmations', async () => {
    const run = await home.run(['chat'], {
      stdin: ['how is alpha doing?', 'stop alpha', 'n', 'stop alpha', 'y', '/exit', ''].join('\n'),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Welcome back, Carol!\n/);
    expect(run.stdout).toContain('Earlier (last ');
    expect(run.stdout).toContain('user: pause alpha');
    expect(run.stdout).toContain(`Alpha (#${alphaId}) is ACTIVE: MovingAverage on AAPL`);
    expect(run.stdout).toContain('Not confirmed; nothing changed.');
    expect(run.stdout).toContain(`Stopped Alpha (#${alphaId}).`);
    expect(run.stderr).toContain(
      `Confirm: stop Alpha (#${alphaId}), closing its positions at the last price? [y/N] `,
    );
    expect(await status()).toBe('COMPLETED');
  });

  it('prints and clears the history', async () => {
    const history = await home.run(['chat', '--history', '--limit', '2']);
    expect(history.code).toBe(0);
    expect(history.stdout.trim().split('\n')).toHaveLength(2);
    expect(history.stdout).toMatch(/^\S+Z (user|assistant): /);
    expect((await home.run(['chat', '--clear'])).stdout).toBe('Chat history cleared\n');
    expect((await home.run(['chat', '--history', '--json'])).stdout).toBe(
      `${JSON.stringify({ success: true, messages: [] }, null, 2)}\n`,
    );
  });

  it('refuses an empty message in one line naming the field', async () => {
    expect(oneLineFailure(await home.run(['chat', '  ']))).toMatch(/^message: must not be empty/);
  });
});
