import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliHome,
  oneLineFailure,
  registerUser,
  removeCliHomes,
  usageFailure,
} from './support/cli-fixtures.ts';
import type { Run } from './support/run-tradewind.ts';

let server: RunningServer;
beforeAll(async () => {
  // A bar every 20 ms, so a started strategy trades within seconds.
  server = await startTestServer({ simulatorBarMs: 20 });
});
afterAll(async () => {
  await server?.close();
  await removeCliHomes();
});

async function operator(name: string) {
  const home = await cliHome();
  const user = await registerUser(server, name);
  expect((await home.login(server, user)).code).toBe(0);
  return { cli: home, email: user.email };
}

/** The parsed stdout of a successful `--json` run. */
function json(run: Run) {
  if (run.code !== 0 || run.stderr !== '') {
    throw new Error(`expected success, got ${JSON.stringify(run)}`);
  }
  return JSON.parse(run.stdout);
}

async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('tradewind strategies', () => {
  it('create -> list -> show -> update -> start -> signals -> stop -> performance -> history -> share -> delete', {
    timeout: 120_000,
  }, async () => {
    const { cli } = await operator('quant');
    const { cli: friend, email: friendEmail } = await operator('friend');

    const created = json(
      await cli.run([
        'strategies',
        'create',
        '--name',
        'ma-cli',
        '--algorithm',
        'MovingAverage',
        '--param',
        'fast=3',
        '--param',
        'slow=8',
        '--symbols',
        'aapl,GOOGL',
        '--timeframe',
        '1m',
        '--tags',
        'cli,trend',
        '--json',
      ]),
    );
    expect(created).toMatchObject({
      name: 'ma-cli',
      algorithm: 'MovingAverage',
      category: 'trend_following',
      parameters: { fast: 3, slow: 8 },
      symbols: ['AAPL', 'GOOGL'],
      tags: ['cli', 'trend'],
      status: 'inactive',
    });
    const id = String(created.id);

    const [table, listed, templates, fromTemplate, categories] = await Promise.all([
      cli.run(['strategies', 'list']),
      cli.run(['strategies', 'list', '--tags', 'trend', '--json']),
      cli.run(['strategies', 'templates', '--category', 'mean_reversion']),
      cli.run([
        'strategies',
        'create',
        '--template',
        'rsi-extremes',
        '--symbols',
        'MSFT',
        '--json',
      ]),
      cli.run(['strategies', 'categories']),
    ]);
    expect(table.stdout).toMatch(
      new RegExp(`│ ${id}\\s*│ ma-cli\\s*│ inactive\\s*│ MovingAverage\\s*│ trend_following`),
    );
    expect(json(listed).items.map((item: { id: number }) => item.id)).toEqual([created.id]);
    expect(templates.stdout).toMatch(/rsi-extremes\s*│ RSI extremes\s*│ MeanReversion/);
    expect(json(fromTemplate)).toMatchObject({
      name: 'RSI extremes',
      parameters: { period: 14, oversold: 20, overbought: 80 },
      symbols: ['MSFT'],
    });
    expect(categories.stdout).toMatch(/trend_following\s*│ MovingAverage\s*│ 1\s*│ 0/);

    const updated = await cli.run(['strategies', 'update', id, '--description', 'from the CLI']);
    expect(updated.stdout).toMatch(/Description\s*│ from the CLI/);

    const started = json(await cli.run(['strategies', 'start', id, '--cash', '5000', '--json']));
    expect(started).toMatchObject({ status: 'active' });
    const signals = await eventually(async () => {
      const rows = json(await cli.run(['strategies', 'signals', id, '--limit', '5', '--json']));
      return rows.length >= 2 ? rows : undefined;
    }, 'two signals');
    expect(signals[0]).toMatchObject({ botId: started.botId, reason: 'signal' });
    const shown = await cli.run(['strategies', 'show', id]);
    expect(shown.stdout).toMatch(new RegExp(`Status\\s*│ active \\(bot ${started.botId}\\)`));
    expect(shown.stdout).toMatch(/Recent signals[\s\S]*│ (BUY|SELL)\s*│ (AAPL|GOOGL)/);

    // Running: delete is refused with the server's one-line reason.
    expect(oneLineFailure(await cli.run(['strategies', 'delete', id]))).toMatch(
      /^Cannot delete strategy \d+ while it runs \(bot \d+\); stop it first \(request \S+\)$/,
    );
    const stopped = await cli.run(['strategies', 'stop', id]);
    expect(stopped.stdout).toMatch(
      new RegExp(`^Stopped strategy ${id} \\(bot ${started.botId}\\)`),
    );
    const performance = json(
      await cli.run(['strategies', 'performance', id, '--period', '7d', '--json']),
    );
    expect(performance).toMatchObject({ period: '7d', bots: 1 });
    const history = json(await cli.run(['strategies', 'history', id, '--json']));
    expect(history.map((event: { type: string }) => event.type)).toEqual([
      'stopped',
      'started',
      'updated',
      'created',
    ]);

    // Not shared: the friend is told it does not exist; shared for reading, they can read it.
    expect(oneLineFailure(await friend.run(['strategies', 'show', id]))).toMatch(
      new RegExp(`^Strategy ${id} not found`),
    );
    const shared = await cli.run(['strategies', 'share', id, friendEmail, '--permissions', 'read']);
    expect(shared.stdout).toMatch(new RegExp(`${friendEmail}\\s*│ read`));
    expect(json(await friend.run(['strategies', 'show', id, '--json'])).id).toBe(created.id);
    expect(oneLineFailure(await friend.run(['strategies', 'start', id]))).toMatch(
      /shared with you without the execute permission/,
    );
    await cli.run(['strategies', 'unshare', id, friendEmail]);
    expect((await cli.run(['strategies', 'shares', id])).stdout).toBe('Not shared with anyone.\n');

    expect((await cli.run(['strategies', 'delete', id])).stdout).toBe(`Deleted strategy ${id}\n`);
  });

  it("refuses bad input with one line: before sending, or with the server's reason", {
    timeout: 60_000,
  }, async () => {
    const { cli } = await operator('careless');
    const create = ['strategies', 'create', '--name', 'x', '--symbols', 'AAPL'];
    const [badId, badPermission, badSize, unknownTemplate, unknownAlgorithm, badParam, limit] =
      await Promise.all([
        cli.run(['strategies', 'show', 'abc']),
        cli.run(['strategies', 'share', '1', 'a@example.com', '--permissions', 'admin']),
        cli.run(['strategies', 'list', '--size', '101']),
        cli.run(['strategies', 'create', '--template', 'nope', '--symbols', 'AAPL']),
        cli.run([...create, '--algorithm', 'Martingale']),
        cli.run([...create, '--algorithm', 'Breakout', '--param', 'period=1']),
        cli.run(['strategies', 'signals', '1', '--limit', '501']),
      ]);
    expect(usageFailure(badId)).toMatch(/must be a strategy id/);
    expect(usageFailure(badPermission)).toMatch(/comma-separated list of read, write/);
    expect(oneLineFailure(badSize)).toMatch(/at most 100/);
    expect(oneLineFailure(unknownTemplate)).toMatch(/^Strategy template "nope" not found/);
    expect(oneLineFailure(unknownAlgorithm)).toMatch(/unknown algorithm "Martingale"/);
    expect(oneLineFailure(badParam)).toMatch(/Invalid parameter "period" for Breakout/);
    expect(oneLineFailure(limit)).toMatch(/at most 500/);
    expect(json(await cli.run(['strategies', 'list', '--json'])).pagination.total).toBe(0);
  });
});
