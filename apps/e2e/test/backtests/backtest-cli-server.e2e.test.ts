import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { tradewindBin as bin } from '@tradewind/cli/testing';
import { BACKTEST_DEFAULTS } from '@tradewind/core';
import type { TradewindClient } from '@tradewind/sdk';
import { loadConfig, type RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { ohlcvPath, readOhlcv } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { until } from '../support/until.ts';

const nvda = ohlcvPath('nvda-1999-2014.txt');
const RUN = [
  'backtest',
  'run',
  '--strategy',
  'MovingAverage',
  '--param',
  'fast=10',
  '--param',
  'slow=30',
  '--data',
  nvda,
  '--start',
  '2005-01-01',
  '--end',
  '2009-12-31',
  '--size',
  '100',
  '--commission',
  '0.001',
  '--cash',
  '10000',
  '--monte-carlo',
  '200',
  '--json',
];

let server: RunningServer;
let alice: TradewindClient;
let apiKey: string;
let configDir: string;

const environment = () => ({
  ...process.env,
  TRADEWIND_API_KEY: apiKey,
  TRADEWIND_PROFILE: '',
  TRADEWIND_URL: '',
  TRADEWIND_CONFIG_DIR: configDir,
});

/** Runs the real `tradewind` binary against the test server with Alice's API key. */
async function tradewind(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [bin, '--url', server.url, ...args],
      { env: environment(), maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  server = await startTestServer({
    // About six seconds per 5-year daily backtest: time to press Ctrl-C midway, even when a
    // loaded machine takes seconds to deliver the signal and the cancel request.
    backtests: { ...loadConfig({ NODE_ENV: 'test' }).backtests, stepDelayMs: 60 },
  });
  configDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-cli-backtests-'));
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('alice@example.com', 'Alice')).accessToken);
  apiKey = (await alice.apiKeys.create.mutate({ name: 'cli', scopes: ['CONTROL'] })).key;
});
afterAll(async () => {
  await server?.close();
  await rm(configDir, { recursive: true, force: true });
});

describe('tradewind backtest run --server', () => {
  it('runs the job on the server and prints what the local run prints', async () => {
    const [remote, local] = await Promise.all([tradewind(...RUN, '--server'), tradewind(...RUN)]);
    expect(local.code).toBe(0);
    expect(remote.stderr).toContain('"status":"COMPLETED"');
    expect(remote.code).toBe(0);
    const server = JSON.parse(remote.stdout);
    const here = JSON.parse(local.stdout);
    expect(server.metrics).toEqual(here.metrics);
    expect(server.metrics.total_trades).toBeGreaterThan(10);
    // Both bounded the same way: the same trades, fill count and downsampled curves.
    expect(server.trades).toEqual(here.trades);
    expect(server.trades_omitted).toBe(here.trades_omitted);
    expect(server.fills).toBe(here.fills);
    expect(server.equity_curve).toEqual(here.equity_curve);
    expect(server.drawdown_curve).toEqual(here.drawdown_curve);
    expect(server.monte_carlo).toEqual(here.monte_carlo);
    expect(server.strategy).toEqual(here.strategy);
    expect(server.source).toEqual(here.source);
    expect(server.equity_curve.equity.at(-1)).toBe(here.metrics.final_equity);
    // Progress arrived as JSON lines on stderr, in order, ending with the final state.
    const lines = remote.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const done = lines.map((line) => line.barsDone as number);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(lines.filter((line) => line.status === 'RUNNING').length).toBeGreaterThan(3);
  });

  it('Ctrl-C cancels the job on the server', async () => {
    const child = spawn(process.execPath, [bin, '--url', server.url, ...RUN, '--server'], {
      env: environment(),
    });
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!interrupted && /"status":"RUNNING","progress":[1-9]\d/.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/backtest \d+ cancelled/);
    const jobs = await until(
      () => alice.backtests.list.query({ status: 'CANCELLED' }),
      (list) => list.total === 1,
    );
    expect(jobs.items[0]).toMatchObject({ status: 'CANCELLED', metrics: null });
  });

  it('names the broken line of a file, and submits nothing', async () => {
    const before = (await alice.backtests.list.query({})).total;
    const broken = path.join(configDir, 'broken.csv');
    await writeFile(
      broken,
      'date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1,9\n2020-01-03,1,x,0.5,1,9\n',
    );
    const result = await tradewind(
      'backtest',
      'run',
      '--strategy',
      'MovingAverage',
      '--data',
      broken,
      '--server',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.csv: line 3/);
    expect((await alice.backtests.list.query({})).total).toBe(before);
  });
});

// Issue 12, items 16-18: one backtest, one answer on every door. The CLI's local run and a
// server job (through the SDK, and through `tradewind backtest run --server`) use the same
// defaults from the core contract, annualise by the bars' own calendar, print the same period
// and count the same rejected orders.
const ORCL = ohlcvPath('orcl-1995-2014.txt');
const SMA_10_30 = [...RUN.slice(0, 9), ORCL];

/** The binary's stdout; fails the test when it exits non-zero. */
async function stdoutOf(...args: string[]): Promise<string> {
  const run = await tradewind(...args);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

/** Runs a job through the SDK and waits for its result. */
async function serverJob(input: Parameters<TradewindClient['backtests']['run']['mutate']>[0]) {
  const { id } = await alice.backtests.run.mutate(input);
  const job = await until(
    () => alice.backtests.get.query({ backtestId: id }),
    (current) => ['COMPLETED', 'FAILED'].includes(current.status),
    60_000,
  );
  expect(job.error).toBeNull();
  if (job.result === null || job.metrics === null) throw new Error('no result');
  return { metrics: job.metrics, result: job.result };
}

/** The table rows starting with `label` (box-drawing borders stripped, spaces collapsed). */
function rows(table: string, label: RegExp): string[] {
  return table
    .split('\n')
    .map((line) =>
      line
        .replace(/[│┌┐└┘├┤┬┴┼─]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((line) => label.test(line));
}

describe('one backtest, one answer', () => {
  it('MovingAverage(10, 30) on ORCL with the defaults: the CLI locally and the SDK agree', async () => {
    const [local, remote] = await Promise.all([
      stdoutOf(...SMA_10_30, '--json').then((text) => JSON.parse(text)),
      serverJob({
        strategy: { type: 'builtin', name: 'MovingAverage', params: { fast: 10, slow: 30 } },
        data: { source: 'csv', symbol: 'ORCL', csv: readOhlcv('orcl-1995-2014.txt') },
      }),
    ]);
    expect(local.metrics.final_equity).toBe(remote.metrics.finalEquity);
    expect(local.metrics.total_trades).toBe(remote.metrics.totalTrades);
    expect(local.metrics.sharpe_ratio).toBe(remote.metrics.sharpeRatio);
    expect(local.metrics.total_fees).toBeGreaterThan(0);
    // Annualised by the bars' calendar: about 252 trading days a year, not a fixed 252 or 365.
    expect(remote.metrics.periodsPerYear).toBeGreaterThan(250);
    expect(remote.metrics.periodsPerYear).toBeLessThan(254);
    expect(local.metrics.periods_per_year).toBe(remote.metrics.periodsPerYear);
    const assumptions = {
      initialCapital: BACKTEST_DEFAULTS.initialCapital,
      commission: BACKTEST_DEFAULTS.commission,
      slippage: BACKTEST_DEFAULTS.slippage,
      sizing: BACKTEST_DEFAULTS.sizing,
      seed: BACKTEST_DEFAULTS.seed,
      periodsPerYear: remote.metrics.periodsPerYear,
      periodsPerYearFrom: 'bars',
      // A CSV's bars trade any quantity: no market rules.
      instruments: null,
    };
    expect(remote.result.assumptions).toEqual(assumptions);
    expect(local.assumptions).toEqual({
      initial_capital: assumptions.initialCapital,
      commission: assumptions.commission,
      slippage: assumptions.slippage,
      sizing: { type: 'percent_of_equity', percent: 25, lot_size: 1 },
      seed: assumptions.seed,
      periods_per_year: assumptions.periodsPerYear,
      periods_per_year_from: 'bars',
      instruments: null,
    });
    expect(remote.result.period).toEqual({
      startTime: Date.UTC(1995, 0, 3),
      endTime: Date.UTC(2014, 11, 31),
      bars: 5036,
    });
  }, 120_000);

  it('--server prints the local period, assumptions and rejected orders; the report lists them', async () => {
    // 100 % of equity: an entry whose next open gaps up is refused for funds.
    const options = [...SMA_10_30, '--percent', '100'];
    const report = path.join(configDir, 'report.html');
    const [local, remote, localJson, remoteJson] = await Promise.all([
      stdoutOf(...options, '--report', report),
      stdoutOf(...options, '--server'),
      stdoutOf(...options, '--json').then((text) => JSON.parse(text)),
      stdoutOf(...options, '--json', '--server').then((text) => JSON.parse(text)),
    ]);
    expect(rows(remote, /^period/)).toEqual(['period 1995-01-03 .. 2014-12-31 (5036 bars traded)']);
    expect(rows(remote, /^period/)).toEqual(rows(local, /^period/));
    expect(rows(remote, /^(sizing|commission|slippage|annualisation|seed)/)).toEqual(
      rows(local, /^(sizing|commission|slippage|annualisation|seed)/),
    );
    expect(localJson.rejections.total).toBeGreaterThan(10);
    expect(localJson.rejections.first).toHaveLength(5);
    expect(localJson.rejections.first[0].reason).toBe('INSUFFICIENT_FUNDS');
    expect(remoteJson.rejections).toEqual(localJson.rejections);
    expect(remoteJson.period).toEqual(localJson.period);
    const rejected = rows(remote, /^rejected orders/);
    expect(rejected).toEqual([`rejected orders ${localJson.rejections.total}`]);
    expect(rows(local, /^rejected orders/)).toEqual(rejected);
    const html = await readFile(report, 'utf8');
    expect(html).toContain('<table id="rejections">');
    expect(html).toContain(
      `<tr><th>rejected orders</th><td>${localJson.rejections.total}</td></tr>`,
    );
    expect(html).toContain('<tr><th>commission</th><td>0.10% of notional per fill</td></tr>');
  }, 120_000);
});
