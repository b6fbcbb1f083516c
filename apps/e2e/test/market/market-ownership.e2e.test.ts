import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

/** Daily bars from 2024-01-01 with closes `close(i)`. */
function csvOf(days: number, close: (day: number) => number): string {
  const rows = Array.from({ length: days }, (_, day) => {
    const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
    const price = close(day);
    return `${date},${price},${price + 1},${price - 1},${price},1000`;
  });
  return `Date,Open,High,Low,Close,Volume\n${rows.join('\n')}\n`;
}

const ALICE_CSV = csvOf(120, (day) => 100 + 10 * Math.sin(day / 5));
const BOB_CSV = csvOf(120, (day) => 500 - day);
const RANGE = { start: '2024-01-01T00:00:00Z', end: '2024-04-29T00:00:00Z' } as const;

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
let root: TradewindClient;

beforeAll(async () => {
  server = await startTestServer({ adminEmail: 'root@example.com' });
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('alice@example.com')).accessToken);
  bob = clients.withToken((await clients.register('bob@example.com')).accessToken);
  root = clients.withToken((await clients.register('root@example.com')).accessToken);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const closes = async (client: TradewindClient, symbol = 'OWN') =>
  (await client.market.candles.query({ symbol, timeframe: '1d', limit: 500 })).map(
    (candle) => candle.close,
  );

async function backtestFinalEquity(client: TradewindClient): Promise<number> {
  const job = await client.backtests.run.mutate({
    strategy: { type: 'builtin', name: 'MovingAverage', params: { fast: 5, slow: 20 } },
    data: { source: 'candles', symbols: ['OWN'], timeframe: '1d', ...RANGE },
    initialCapital: 10_000,
    sizing: { type: 'fixed', quantity: 10 },
  });
  const done = await until(
    () => client.backtests.get.query({ backtestId: job.id }),
    (state) => state.status === 'COMPLETED' || state.status === 'FAILED',
    60_000,
  );
  expect(done.status).toBe('COMPLETED');
  return done.metrics?.finalEquity ?? Number.NaN;
}

describe('imported market data is owned (issue 13 item 11)', () => {
  it("bob's import of the same symbol and dates does not change alice's closes or backtests", async () => {
    await alice.market.import.mutate({
      symbol: 'OWN',
      timeframe: '1d',
      csv: ALICE_CSV,
      source: 'alice.csv',
    });
    const before = await closes(alice);
    expect(before).toHaveLength(120);
    const aliceEquity = await backtestFinalEquity(alice);

    // Bob has none of his own yet, and alice's are not his to read or backtest.
    expect(await closes(bob)).toEqual([]);
    expect(
      await failure(
        bob.backtests.run.mutate({
          strategy: { type: 'builtin', name: 'MovingAverage', params: { fast: 5, slow: 20 } },
          data: { source: 'candles', symbols: ['OWN'], timeframe: '1d', ...RANGE },
        }),
      ),
    ).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });

    await bob.market.import.mutate({
      symbol: 'OWN',
      timeframe: '1d',
      csv: BOB_CSV,
      source: 'bob.csv',
    });
    expect(await closes(alice)).toEqual(before);
    const aliceCandles = await alice.market.candles.query({ symbol: 'OWN', timeframe: '1d' });
    expect(new Set(aliceCandles.map((candle) => candle.source))).toEqual(
      new Set(['import:alice.csv']),
    );
    expect(await closes(bob)).toEqual(Array.from({ length: 120 }, (_, day) => 500 - day));
    expect(await backtestFinalEquity(alice)).toBe(aliceEquity);
    expect(await backtestFinalEquity(bob)).not.toBe(aliceEquity);

    const listed = await alice.market.list.query();
    expect(listed).toEqual([
      expect.objectContaining({ venue: 'import', symbol: 'OWN', candles: 120, shared: false }),
    ]);
  });

  it('only an admin shares an import; a user’s own import still comes first for them', async () => {
    expect(
      await failure(
        bob.market.import.mutate({ symbol: 'SHR', timeframe: '1d', csv: BOB_CSV, shared: true }),
      ),
    ).toMatchObject({
      status: 403,
      code: 'PERMISSION_DENIED',
      message: 'shared: only an admin may share an import',
    });
    expect(await closes(alice, 'SHR')).toEqual([]);

    await root.market.import.mutate({
      symbol: 'SHR',
      timeframe: '1d',
      csv: ALICE_CSV,
      shared: true,
    });
    const shared = await closes(root, 'SHR');
    expect(await closes(alice, 'SHR')).toEqual(shared);
    expect(await closes(bob, 'SHR')).toEqual(shared);
    await bob.market.import.mutate({ symbol: 'SHR', timeframe: '1d', csv: BOB_CSV });
    expect(await closes(bob, 'SHR')).toEqual(Array.from({ length: 120 }, (_, day) => 500 - day));
    expect(await closes(alice, 'SHR')).toEqual(shared);
    expect(await bob.market.list.query()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ symbol: 'SHR', shared: true }),
        expect.objectContaining({ symbol: 'SHR', shared: false }),
      ]),
    );
  });
});
