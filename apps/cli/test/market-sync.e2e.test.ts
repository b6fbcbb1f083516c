import type { RunningServer } from '@tradewind/server';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, oneLineFailure, registerUser, removeCliHomes } from './support/cli-fixtures.ts';
import {
  type FakeExchangeServer,
  startServerOnFakeExchange,
} from './support/fake-exchange-server.ts';
import type { Run } from './support/run-tradewind.ts';

const HOUR = 3_600_000;
const SINCE = Date.parse('2024-01-01T00:00:00Z');
const UNTIL = new Date(SINCE + 9_999 * HOUR).toISOString();

let setup: FakeExchangeServer;
let server: RunningServer;
beforeAll(async () => {
  setup = await startServerOnFakeExchange(21, { kraken: `http://127.0.0.1:${await freePort()}` });
  server = setup.server;
}, 120_000);
afterAll(async () => {
  await setup?.close();
  await removeCliHomes();
});

async function operator(name: string) {
  const home = await cliHome();
  expect((await home.login(server, await registerUser(server, name))).code).toBe(0);
  return home;
}

type Line = { type: string; covered: number; stored: number; [key: string]: unknown };
const lines = (stdout: string): Line[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);

const SYNC = [
  'market',
  'sync',
  'binance',
  'BTC/USDT',
  '--timeframe',
  '1h',
  '--since',
  '2024-01-01',
];

describe('tradewind market sync', () => {
  it('prints JSON lines off a terminal; Ctrl-C stops it, the same command resumes it, list shows it', async () => {
    const cli = await operator('syncer');
    const running = cli.start([...SYNC, '--until', UNTIL]);
    const deadline = Date.now() + 60_000;
    while (lines(running.stdout).length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    running.kill('SIGINT');
    const interrupted = await running.done;
    expect(interrupted.code).toBe(1);
    expect(interrupted.stderr).toMatch(
      /^tradewind: sync interrupted \(stored through 2024-\S+ \S+\); run the same command again to resume\n$/,
    );
    const before = lines(interrupted.stdout);
    expect(before.every((line) => line.type === 'progress')).toBe(true);

    // The server stops after the page in flight when the command goes away: wait until the
    // stored count settles, then resume from exactly there.
    const storedNow = async () => {
      const series = JSON.parse((await cli.run(['market', 'list', '--json'])).stdout);
      return (series.find((row: { symbol: string }) => row.symbol === 'BTC/USDT')?.candles ??
        0) as number;
    };
    let stored = await storedNow();
    for (let previous = -1; stored !== previous; ) {
      previous = stored;
      await new Promise((resolve) => setTimeout(resolve, 500));
      stored = await storedNow();
    }
    expect(stored % 1000).toBe(0);
    expect(stored).toBeGreaterThanOrEqual(before.at(-1)?.covered ?? 0);

    const resumed: Run = await cli.run([...SYNC, '--until', UNTIL]);
    expect(resumed).toMatchObject({ code: 0, stderr: '' });
    expect(lines(resumed.stdout).at(-1)).toMatchObject({
      type: 'done',
      startedAt: new Date(SINCE + stored * HOUR).toISOString(),
      fetched: 10_000 - stored,
      stored: 10_000 - stored,
      candles: 10_000,
      missing: 0,
      gaps: [],
    });

    const listed = await cli.run(['market', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /│ binance\s*│ BTC\/USDT\s*│ 1h\s*│ 10000\s*│ 2024-01-01 00:00:00Z\s*│ 2025-02-20 15:00:00Z\s*│ shared/,
    );
    const candles = JSON.parse(
      (
        await cli.run([
          'market',
          'candles',
          'BTC/USDT',
          '--venue',
          'binance',
          '--timeframe',
          '1h',
          '--limit',
          '2',
          '--json',
        ])
      ).stdout,
    );
    expect(candles.map((candle: { time: string }) => candle.time)).toEqual([
      '2025-02-20T14:00:00.000Z',
      '2025-02-20T15:00:00.000Z',
    ]);
  }, 240_000);

  it('refuses an unknown exchange listing the known ones, and an unreachable one, in one line', async () => {
    const cli = await operator('careless');
    expect(
      oneLineFailure(
        await cli.run(['market', 'sync', 'mtgox', 'BTC/USD', '--since', '2024-01-01']),
      ),
    ).toMatch(
      /^exchange: unknown exchange "mtgox"; known exchanges: binance, kraken, kucoin, luno, bybit \(request \S+\)$/,
    );
    expect(
      oneLineFailure(
        await cli.run(['market', 'sync', 'kraken', 'BTC/USD', '--since', '2024-01-01']),
      ),
    ).toMatch(/^kraken is unreachable or failing \(\w+\); try again later \(request \S+\)$/);
  }, 120_000);
});
