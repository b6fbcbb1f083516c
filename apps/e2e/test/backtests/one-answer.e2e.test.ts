// Issue 12, items 16-18: one backtest, one answer on every door. The CLI's local run and a
// server job (through the SDK, and through `tradewind backtest run --server`) use the same
// defaults from the core contract, annualise by the bars' own calendar, print the same period
// and count the same rejected orders.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BACKTEST_DEFAULTS } from '@tradewind/core';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { ohlcvPath, readOhlcv } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { until } from '../support/until.ts';

const bin = fileURLToPath(new URL('../bin/tradewind.mjs', import.meta.resolve('@tradewind/cli')));
const ORCL = ohlcvPath('orcl-1995-2014.txt');
const SMA_10_30 = [
  'backtest',
  'run',
  '--strategy',
  'MovingAverage',
  '--param',
  'fast=10',
  '--param',
  'slow=30',
  '--data',
  ORCL,
];

let server: RunningServer;
let alice: TradewindClient;
let apiKey: string;
let dir: string;

async function tradewind(...args: string[]) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [bin, '--url', server.url, ...args],
    {
      env: { ...process.env, TRADEWIND_API_KEY: apiKey, TRADEWIND_PROFILE: '', TRADEWIND_URL: '' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout;
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

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-one-answer-'));
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('alice@example.com', 'Alice')).accessToken);
  apiKey = (await alice.apiKeys.create.mutate({ name: 'cli', scopes: ['CONTROL'] })).key;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('one backtest, one answer', () => {
  it('MovingAverage(10, 30) on ORCL with the defaults: the CLI locally and the SDK agree', async () => {
    const [local, remote] = await Promise.all([
      tradewind(...SMA_10_30, '--json').then((text) => JSON.parse(text)),
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
    const report = path.join(dir, 'report.html');
    const [local, remote, localJson, remoteJson] = await Promise.all([
      tradewind(...options, '--report', report),
      tradewind(...options, '--server'),
      tradewind(...options, '--json').then((text) => JSON.parse(text)),
      tradewind(...options, '--json', '--server').then((text) => JSON.parse(text)),
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
