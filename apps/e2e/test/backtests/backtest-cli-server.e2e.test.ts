import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TradewindClient } from '@tradewind/sdk';
import { loadConfig, type RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { ohlcvPath } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { until } from '../support/until.ts';

// The CLI package's binary, found the way Node finds the package (src/index.ts -> ../bin).
const bin = fileURLToPath(new URL('../bin/tradewind.mjs', import.meta.resolve('@tradewind/cli')));
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
    // About two seconds per 5-year daily backtest: time to press Ctrl-C midway.
    backtests: { ...loadConfig({ NODE_ENV: 'test' }).backtests, stepDelayMs: 20 },
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
    expect(server.closed_trades).toEqual(here.closed_trades);
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
