/**
 * Two server processes on one PostgreSQL database share the backtest queue: each job runs once,
 * both take work, a job's progress streams from and it can be cancelled through either process,
 * and a job whose process is killed is failed as interrupted by the survivor. Runs in the PostgreSQL suite only.
 */
import type { BacktestProgress, BacktestRunInput } from '@tradewind/core';
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import {
  createTestDatabase,
  readOhlcv,
  type TestDatabase,
  testDatabaseDialect,
} from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { until } from '../support/until.ts';

const onPostgres = testDatabaseDialect() === 'postgresql';
if (!onPostgres)
  console.log('backtests two-processes.pg.test.ts skipped: needs the PostgreSQL suite');

const NVDA_CSV = readOhlcv('nvda-1999-2014.txt');
const job = {
  strategy: { type: 'builtin', name: 'MovingAverage', params: { fast: 10, slow: 30 } },
  data: {
    source: 'candles',
    symbols: ['NVDA'],
    timeframe: '1d',
    start: '2005-01-01T00:00:00Z',
    end: '2009-12-31T23:59:59Z',
  },
  sizing: { type: 'fixed', quantity: 100 },
  commission: 0.001,
} satisfies BacktestRunInput;

describe.skipIf(!onPostgres)('backtests from two server processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let token: string;
  const servers: ServerProcess[] = [];
  const client = (server: ServerProcess, subscriptions?: 'websocket' | 'sse'): TradewindClient =>
    createTradewindClient({
      url: server.url,
      subscriptions,
      headers: () => ({ authorization: `Bearer ${token}` }),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.databaseUrl ?? '',
      TRADEWIND_SECRET_KEY: 'two-processes-backtest-master-key-0123456789',
      BOT_RUNNER_ENABLED: 'false',
      RATE_LIMIT_SCALE: '1000',
      BACKTEST_CONCURRENCY: '1',
      BACKTEST_STEP_DELAY_MS: '15',
      BACKTEST_STALE_MS: '1500',
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    const first = servers[0] as ServerProcess;
    ({ accessToken: token } = await createTradewindClient({ url: first.url }).auth.register.mutate({
      email: 'two@example.com',
      password: PASSWORD,
      firstName: 'Two',
    }));
    await client(first).market.import.mutate({ symbol: 'NVDA', csv: NVDA_CSV });
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await db?.close();
  });

  it('runs each job once, on both processes, streaming progress from either', async () => {
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await client(first).backtests.run.mutate(job)).id);
    // Which process holds each job while it runs.
    const holders = new Map<number, Set<string>>();
    const seen: BacktestProgress[] = [];
    const streamed = new Promise<void>((resolve, reject) => {
      // Through the second process, whichever process runs the job.
      const subscription = client(second, 'sse').backtests.progress.subscribe(
        { backtestId: ids[0] as number },
        {
          onData: (progress) => {
            seen.push(progress);
            if (progress.status === 'COMPLETED') {
              subscription.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    await until(
      async () => {
        const rows = await db.prisma.backtest.findMany({ where: { id: { in: ids } } });
        for (const row of rows) {
          if (row.workerId)
            holders.set(row.id, (holders.get(row.id) ?? new Set()).add(row.workerId));
        }
        return rows;
      },
      (rows) => rows.every((row) => row.status === 'COMPLETED'),
      150_000,
    );
    await streamed;
    expect(seen.filter((progress) => progress.status === 'RUNNING').length).toBeGreaterThan(2);
    expect(seen.at(-1)).toMatchObject({ status: 'COMPLETED', barsDone: 1259 });
    for (const workers of holders.values()) expect(workers.size).toBe(1);
    const pids = new Set(
      [...holders.values()].flatMap((workers) => [...workers]).map((id) => id.split(':')[1]),
    );
    expect(pids).toEqual(new Set(servers.map((server) => String(server.child.pid))));
    const records = await db.prisma.performanceRecord.findMany({
      where: { executionType: 'BACKTEST' },
    });
    expect(records).toHaveLength(4);
    expect(new Set(records.map((record) => Number(record.finalCapital)))).toHaveLength(1);
  }, 240_000);

  it('cancels a job through the process that is not running it', async () => {
    const [first] = servers as [ServerProcess, ServerProcess];
    const { id } = await client(first).backtests.run.mutate(job);
    const running = await until(
      () => db.prisma.backtest.findUniqueOrThrow({ where: { id } }),
      (row) => row.status === 'RUNNING' && row.barsDone > 0,
    );
    const other = servers.find(
      (server) => !running.workerId?.includes(`:${server.child.pid}:`),
    ) as ServerProcess;
    await client(other).backtests.cancel.mutate({ backtestId: id });
    const cancelled = await until(
      () => client(other).backtests.get.query({ backtestId: id }),
      (row) => row.status !== 'RUNNING',
    );
    expect(cancelled).toMatchObject({ status: 'CANCELLED', result: null });
    expect(cancelled.barsDone).toBeLessThan(cancelled.totalBars);
  });

  it('fails a job whose process is killed, as interrupted by restart', async () => {
    const [first] = servers as [ServerProcess, ServerProcess];
    const { id } = await client(first).backtests.run.mutate(job);
    const running = await until(
      () => db.prisma.backtest.findUniqueOrThrow({ where: { id } }),
      (row) => row.status === 'RUNNING' && row.barsDone > 0,
    );
    const victim = servers.find((server) =>
      running.workerId?.includes(`:${server.child.pid}:`),
    ) as ServerProcess;
    victim.child.kill('SIGKILL');
    const survivor = servers.find((server) => server !== victim) as ServerProcess;
    const failed = await until(
      () => client(survivor).backtests.get.query({ backtestId: id }),
      (row) => row.status !== 'RUNNING',
      20_000,
    );
    expect(failed).toMatchObject({
      status: 'FAILED',
      error: 'interrupted by restart: the server running it stopped',
      result: null,
    });
  });
});
