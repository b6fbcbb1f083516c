import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
let scratch: string;
beforeAll(async () => {
  // A fast simulator: a bar every 20 ms, so a bot trades within seconds.
  server = await startTestServer({ simulatorBarMs: 20 });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'tradewind-cli-bots-'));
});
afterAll(async () => {
  await server?.close();
  await removeCliHomes();
  await rm(scratch, { recursive: true, force: true });
});

/** A signed-in operator with an account of their own (one active bot each, by default). */
async function operator(name: string) {
  const home = await cliHome();
  const login = await home.login(server, await registerUser(server, name));
  expect(login.code).toBe(0);
  return home;
}

/** The parsed stdout of a successful `--json` run. */
function json(run: Run) {
  if (run.code !== 0 || run.stderr !== '') {
    throw new Error(`expected success, got ${JSON.stringify(run)}`);
  }
  return JSON.parse(run.stdout);
}

/** Retries `check` until it returns a value, or fails after `timeoutMs`. */
async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const START = [
  'bots',
  'start',
  '--strategy',
  'MovingAverage',
  '--symbols',
  'aapl,GOOGL',
  '--cash',
  '10000',
  '--param',
  'fast=3',
  '--param',
  'slow=8',
];

describe('tradewind bots', () => {
  // Some 30 runs of the binary, each a process of its own: more than the default 30 s.
  it('start -> list -> show with trades -> watch -> pause/resume -> stop -> trades -> performance', {
    timeout: 90_000,
  }, async () => {
    const cli = await operator('trader');

    const started = json(await cli.run([...START, '--name', 'ma-cli', '--json']));
    expect(started).toMatchObject({
      name: 'ma-cli',
      status: 'ACTIVE',
      mode: 'PAPER',
      strategy: 'MovingAverage',
      params: { fast: 3, slow: 8 },
      symbols: ['AAPL', 'GOOGL'],
      timeframe: '1m',
      riskMode: 'balanced',
      initialCash: 10_000,
    });
    const id = String(started.id);
    // Independent reads run side by side: each run is a whole CLI process.
    const [second, listed, table, paused] = await Promise.all([
      cli.run(START),
      cli.run(['bots', 'list', '--json']),
      cli.run(['bots', 'list']),
      cli.run(['bots', 'list', '--status', 'PAUSED', '--json']),
    ]);
    // One active bot per user by default: the refusal says which one and what to do.
    expect(oneLineFailure(second)).toMatch(
      new RegExp(
        `^User already has an active trading session \\(bot ${id}; stop it with \`tradewind bots stop ${id}\`\\) \\(request \\S+\\)$`,
      ),
    );
    expect(json(listed)).toEqual([expect.objectContaining({ id: started.id, name: 'ma-cli' })]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(`│ ${id}\\s*│ ma-cli\\s*│ ACTIVE\\s*│ PAPER\\s*│ MovingAverage\\s*│ AAPL,GOOGL`),
    );
    expect(json(paused)).toEqual([]);

    // The simulator runs a bar every 20 ms: fills come within seconds.
    const traded = await eventually(async () => {
      const detail = json(await cli.run(['bots', 'show', id, '--json']));
      return detail.trades.length > 1 ? detail : undefined;
    }, 'two trades');
    expect(traded.trades[0]).toMatchObject({ botId: started.id, action: 'BUY' });

    // --watch refreshes until Ctrl-C, then exits cleanly; with --json, one line per refresh.
    const watching = cli.start(['bots', 'show', id, '--watch']);
    const jsonWatch = cli.start(['bots', 'show', id, '--watch', '--json']);
    const [shown, all] = await Promise.all([
      cli.run(['bots', 'show', id, '--trades', '1']),
      cli.run(['bots', 'show', id, '--all']),
    ]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Status\s*│ ACTIVE/);
    expect(shown.stdout).toMatch(/Strategy\s*│ MovingAverage fast=3 slow=8/);
    expect(shown.stdout).toMatch(/Positions\n/);
    expect(shown.stdout).toMatch(/Trades\n┌.*\n│ Time\s*│ Symbol\s*│ Action/);
    expect(shown.stdout).toMatch(/│ (AAPL|GOOGL)\s*│ (BUY|SELL)\s*│/);
    expect(shown.stdout).toMatch(/Latest 1 of \d+ trades; --all shows every one\.\n$/);
    expect(all.stdout).not.toMatch(/--all shows every one/);

    await eventually(
      async () =>
        watching.stdout.split('Every 1s:').length > 2 && jsonWatch.stdout.split('\n').length > 2
          ? true
          : undefined,
      'two refreshes of each watch',
    );
    watching.kill('SIGINT');
    jsonWatch.kill('SIGINT');
    const [watched, jsonWatched] = await Promise.all([watching.done, jsonWatch.done]);
    expect(watched).toMatchObject({ code: 0, stderr: '' });
    expect(watched.stdout).toMatch(/Every 1s: tradewind bots show \d+ .*\(Ctrl-C to stop\)/);
    expect(watched.stdout).toMatch(/Status\s*│ ACTIVE/);
    // Piped, not a terminal: no escape codes.
    expect(watched.stdout).not.toContain('\x1b[');
    expect(jsonWatched).toMatchObject({ code: 0, stderr: '' });
    for (const line of jsonWatched.stdout.trim().split('\n')) {
      expect(JSON.parse(line)).toMatchObject({ id: started.id });
    }

    expect(json(await cli.run(['bots', 'pause', id, '--json']))).toMatchObject({
      id: started.id,
      status: 'PAUSED',
    });
    expect(json(await cli.run(['bots', 'list', '--status', 'PAUSED', '--json']))).toHaveLength(1);
    const resumed = await cli.run(['bots', 'resume', id]);
    expect(resumed).toMatchObject({ code: 0, stderr: '' });
    expect(resumed.stdout).toMatch(new RegExp(`^Resumed bot ${id}: "ma-cli" is ACTIVE, equity `));
    // Resumed twice is a conflict, said in one line.
    expect(oneLineFailure(await cli.run(['bots', 'resume', id]))).toMatch(/ACTIVE/);

    const stopped = await cli.run(['bots', 'stop', id]);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(
      new RegExp(`^Stopped bot ${id}: "ma-cli" is (STOPPING|COMPLETED)`),
    );
    const finished = await eventually(async () => {
      const detail = json(await cli.run(['bots', 'show', id, '--json']));
      return detail.status === 'COMPLETED' ? detail : undefined;
    }, 'the bot to complete');
    expect(finished.positions).toEqual([]);
    expect(finished.finalCash).toBeCloseTo(finished.equity, 6);
    const total = finished.trades.length;

    const [
      page,
      oldest,
      tradesTable,
      performance,
      performanceTable,
      records,
      recordsTable,
      stats,
      statsTable,
      overview,
    ] = await Promise.all([
      cli.run(['trades', id, '--json']),
      cli.run(['trades', id, '--limit', '1', '--offset', String(total - 1), '--json']),
      cli.run(['trades', id, '--limit', '1']),
      cli.run(['performance', id, '--json']),
      cli.run(['performance', id, '--breakdown', 'daily']),
      // A finished bot has its PerformanceRecord (written as it completes).
      cli.run(['performance', '--json']),
      cli.run(['performance']),
      cli.run(['stats', '--json']),
      cli.run(['stats']),
      cli.run(['stats', '--overview', '--json']),
    ]);
    expect(json(page).total).toBe(total);
    expect(json(page).trades).toHaveLength(Math.min(total, 100));
    expect(json(page).trades.every((trade: { botId: number }) => trade.botId === started.id)).toBe(
      true,
    );
    expect(json(oldest).trades).toEqual([expect.objectContaining({ action: 'BUY' })]);
    expect(tradesTable.code).toBe(0);
    expect(tradesTable.stdout).toMatch(/│ Time\s*│ Symbol\s*│ Action\s*│ Quantity/);
    expect(tradesTable.stdout).toContain(`Trades 1-1 of ${total}; --offset 1 for older ones.`);

    expect(json(performance)).toMatchObject({ botId: started.id, initialCash: 10_000 });
    expect(json(performance).equity).toBeCloseTo(finished.equity, 6);
    expect(performanceTable.code).toBe(0);
    expect(performanceTable.stdout).toMatch(/Sharpe\s*│/);
    expect(performanceTable.stdout).toMatch(/Daily returns\n/);
    expect(json(records)).toEqual([
      expect.objectContaining({ sessionId: started.id, strategyName: 'MovingAverage' }),
    ]);
    expect(recordsTable.stdout).toMatch(
      new RegExp(`│ ${id}\\s*│ MovingAverage\\s*│ PAPER_TRADING`),
    );
    expect(json(stats)).toMatchObject({ totalBots: 1, activeBots: 0 });
    expect(statsTable.stdout).toMatch(/Bots\s*│ 0 active \/ 1 total/);
    expect(json(overview)).toMatchObject({ totalBots: 1, activeBots: 0 });

    expect(await cli.run(['bots', 'delete', id])).toMatchObject({
      code: 0,
      stdout: `Deleted bot ${id}\n`,
    });
    expect(json(await cli.run(['bots', 'list', '--json']))).toEqual([]);
  });

  it("lists a bot's risk alerts", async () => {
    const cli = await operator('alerts');
    // A stop-loss this tight fires on the first close below an entry.
    const started = json(
      await cli.run([
        ...START.slice(0, 4),
        '--symbols',
        'AAPL',
        '--cash',
        '10000',
        '--param',
        'fast=2',
        '--param',
        'slow=4',
        '--risk',
        'stopLossPercent=0.01',
        '--json',
      ]),
    );
    const id = String(started.id);
    const alerts = await eventually(async () => {
      const listed = json(await cli.run(['alerts', id, '--json']));
      return listed.length > 0 ? listed : undefined;
    }, 'a stop-loss alert');
    expect(alerts[0]).toMatchObject({ botId: started.id, kind: 'stop_loss' });
    const table = await cli.run(['alerts', '--kind', 'stop_loss', '--limit', '1']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`│ ${id}\\s*│ stop_loss\\s*│ Stop-loss closed AAPL`));
    expect(await cli.run(['alerts', '--kind', 'max_drawdown'])).toMatchObject({
      code: 0,
      stdout: 'No alerts.\n',
    });
    expect(usageFailure(await cli.run(['alerts', '--kind', 'nope']))).toMatch(/--kind/);
    expect(await cli.run(['bots', 'stop', id])).toMatchObject({ code: 0 });
  });

  it('starts a bot for people, and takes manual control of a position', async () => {
    const cli = await operator('manual');
    // Slow averages: the strategy stays out of the way of the operator.
    const start = await cli.run([
      'bots',
      'start',
      '--strategy',
      'MovingAverage',
      '--symbols',
      'MSFT',
      '--cash',
      '5000',
      '--param',
      'fast=200',
      '--param',
      'slow=400',
      '--timeframe',
      '5m',
      '--risk-mode',
      'conservative',
    ]);
    expect(start.stderr).toBe('');
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/Status\s*│ ACTIVE/);
    expect(start.stdout).toMatch(/Timeframe\s*│ 5m/);
    expect(start.stdout).toMatch(/Initial cash\s*│ 5,000.00/);
    const id = start.stdout.match(/Started bot (\d+); watch it with/)?.[1];
    expect(id).toBeDefined();

    const entered = await cli.run(['bots', 'force-enter', String(id), 'msft', '--quantity', '2']);
    expect(entered).toMatchObject({ code: 0, stderr: '' });
    expect(entered.stdout).toMatch(
      new RegExp(`^Bot ${id} bought 2 MSFT at [\\d.]+ \\(fee [\\d.]+\\)\n$`),
    );
    const holding = json(await cli.run(['bots', 'show', String(id), '--json']));
    expect(holding.positions).toEqual([expect.objectContaining({ symbol: 'MSFT', quantity: 2 })]);
    expect(holding.trades).toEqual([
      expect.objectContaining({ action: 'BUY', quantity: 2, reason: 'force_enter' }),
    ]);

    const exited = await cli.run(['bots', 'force-exit', String(id), 'MSFT']);
    expect(exited).toMatchObject({ code: 0, stderr: '' });
    expect(exited.stdout).toMatch(
      new RegExp(`^Bot ${id} sold 2 MSFT at [\\d.]+ \\(fee [\\d.]+, PnL [-+]?[\\d,.]+\\)\n$`),
    );
    const flat = json(await cli.run(['bots', 'show', String(id), '--json']));
    expect(flat.positions).toEqual([]);
    expect(flat.trades).toContainEqual(
      expect.objectContaining({ action: 'SELL', quantity: 2, reason: 'force_exit' }),
    );
    expect(oneLineFailure(await cli.run(['bots', 'force-exit', String(id), 'MSFT']))).toMatch(
      /MSFT/,
    );

    const terminated = json(await cli.run(['bots', 'terminate', String(id), '--json']));
    expect(['STOPPING', 'COMPLETED']).toContain(terminated.status);
  });

  it('refuses bad input in one line, and changes nothing', { timeout: 60_000 }, async () => {
    const cli = await operator('careless');
    const start = (...options: string[]) => cli.run(['bots', 'start', ...options]);
    const valid = ['--strategy', 'MovingAverage', '--symbols', 'AAPL', '--cash', '100'];

    // Refused before anything is sent. (Independent runs, so side by side.)
    const [cash, symbols, param, end, timeframe, mode, id] = await Promise.all([
      start(...valid, '--cash', '-5'),
      start(...valid, '--symbols', ''),
      start(...valid, '--param', 'fast'),
      start(...valid, '--end', 'next week'),
      start(...valid, '--timeframe', '2m'),
      start(...valid, '--mode', 'paper'),
      cli.run(['bots', 'show', 'abc']),
    ]);
    expect(usageFailure(cash)).toBe(
      "option '--cash <amount>' argument '-5' is invalid. must be a number greater than 0.",
    );
    expect(usageFailure(symbols)).toMatch(
      /^option '--symbols <list>' argument '' is invalid. must name at least one symbol/,
    );
    expect(usageFailure(param)).toMatch(/expected key=value, e.g. fast=10/);
    expect(usageFailure(end)).toMatch(/ISO 8601 date-time with a zone/);
    expect(usageFailure(timeframe)).toMatch(/Allowed choices are 1m, 5m/);
    expect(usageFailure(mode)).toMatch(/Allowed choices are PAPER, LIVE/);
    expect(usageFailure(id)).toMatch(/must be a bot id/);

    // Refused by the server.
    const [strategy, params, past] = await Promise.all([
      start(...valid, '--strategy', 'Astrology'),
      start(...valid, '--param', 'fast=50', '--param', 'slow=10'),
      start(...valid, '--end', '2020-01-01T00:00:00Z'),
    ]);
    expect(oneLineFailure(strategy)).toMatch(/Astrology/);
    expect(oneLineFailure(params)).toMatch(/fast.*must be less than slow/);
    expect(oneLineFailure(past)).toMatch(/scheduledEndTime: must be in the future/);
    expect(json(await cli.run(['bots', 'list', '--json']))).toEqual([]);
    expect((await cli.run(['bots', 'list'])).stdout).toBe('No bots.\n');

    // Someone else's bot is not there at all, for reading or for control.
    const owner = await operator('owner');
    const theirs = String(json(await owner.run([...START, '--json'])).id);
    const refusals = await Promise.all([
      ...['show', 'pause', 'stop', 'terminate', 'delete'].map((action) =>
        cli.run(['bots', action, theirs]),
      ),
      cli.run(['bots', 'force-exit', theirs, 'AAPL']),
      cli.run(['trades', theirs]),
      cli.run(['performance', theirs]),
    ]);
    for (const refused of refusals) {
      expect(oneLineFailure(refused)).toMatch(new RegExp(`^Bot ${theirs} not found`));
    }
    expect(json(await owner.run(['bots', 'show', theirs, '--json']))).toMatchObject({
      status: 'ACTIVE',
      endTime: null,
    });
    await owner.run(['bots', 'terminate', theirs]);
  });

  it('says to sign in when there is neither a session nor a key', async () => {
    const nobody = await cliHome();
    expect(oneLineFailure(await nobody.run(['--url', server.url, 'bots', 'list']))).toBe(
      'not signed in (profile "default"); run `tradewind login` or set TRADEWIND_API_KEY',
    );
  });
});

describe('tradewind market import', () => {
  const HEADER = 'Date,Open,High,Low,Close,Volume';

  it('imports a CSV file and lists what is stored', async () => {
    const cli = await operator('importer');
    const file = path.join(scratch, 'acme.csv');
    await writeFile(
      file,
      [
        HEADER,
        '2024-01-02,10,11,9.5,10.5,1000',
        '2024-01-03,10.5,12,10,11.5,1200',
        '2024-01-04,11.5,11.8,10.9,11,900',
        '',
      ].join('\n'),
    );
    const imported = json(
      await cli.run(['market', 'import', file, '--symbol', 'acme', '--timeframe', '1d', '--json']),
    );
    expect(imported).toEqual({
      symbol: 'ACME',
      timeframe: '1d',
      imported: 3,
      from: '2024-01-02T00:00:00.000Z',
      to: '2024-01-04T00:00:00.000Z',
    });
    expect(await cli.run(['market', 'import', file, '--symbol', 'ACME'])).toMatchObject({
      code: 0,
      stderr: '',
      stdout: 'Imported 3 1d candles for ACME (2024-01-02 00:00:00Z to 2024-01-04 00:00:00Z)\n',
    });

    const symbols = json(await cli.run(['market', 'symbols', '--json']));
    expect(symbols).toContainEqual(
      expect.objectContaining({ symbol: 'ACME', timeframe: '1d', candles: 3 }),
    );
    const candles = json(await cli.run(['market', 'candles', 'ACME', '--json']));
    expect(candles.map((candle: { close: number }) => candle.close).sort()).toEqual([
      10.5, 11, 11.5,
    ]);
    expect((await cli.run(['market', 'candles', 'ACME'])).stdout).toMatch(
      /│ 2024-01-03 00:00:00Z\s*│ 10.5\s*│ 12/,
    );
  });

  it('names the line of a broken row, in one line', async () => {
    const cli = await operator('sloppy');
    const file = path.join(scratch, 'broken.csv');
    await writeFile(
      file,
      [HEADER, '2024-01-02,10,11,9.5,10.5,1000', '2024-01-03,10.5,twelve,10,11.5,1200', ''].join(
        '\n',
      ),
    );
    const refused = oneLineFailure(await cli.run(['market', 'import', file, '--symbol', 'BROKEN']));
    expect(refused).toMatch(/\(request \S+\)$/);
    expect(refused.startsWith(`${file}: line 3: high "twelve" is not a number`)).toBe(true);
    expect(json(await cli.run(['market', 'symbols', '--json']))).not.toContainEqual(
      expect.objectContaining({ symbol: 'BROKEN' }),
    );

    expect(
      oneLineFailure(
        await cli.run(['market', 'import', path.join(scratch, 'missing.csv'), '--symbol', 'X']),
      ),
    ).toBe(`cannot read ${path.join(scratch, 'missing.csv')}: no such file`);
    expect(usageFailure(await cli.run(['market', 'import', file]))).toMatch(
      /required option '--symbol <symbol>' not specified/,
    );
  });
});
