import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type AuthenticatedPrincipal, permissionsForRole } from '@tradewind/core';
import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../config.ts';
import { INTERRUPTED_REASON } from '../../services/backtests/backtest-queue.ts';
import { submitBacktest } from '../../services/backtests/submit-backtest.ts';
import { startServer } from '../../start-server.ts';

let db: TestDatabase;
let dataDir: string;
let userId: string;

function configWith(backtests: Partial<Config['backtests']>): Config {
  const base = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' });
  return {
    ...base,
    dataDir,
    botRunnerEnabled: false,
    backtests: { ...base.backtests, ...backtests },
  };
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const job = (id: number) => db.prisma.backtest.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-backtest-runner-'));
  userId = (
    await db.prisma.user.create({
      data: { email: 'runner@example.com', firstName: 'Runner', passwordHash: 'unused' },
    })
  ).id;
});
afterAll(async () => {
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('BacktestRunner across restarts', () => {
  it('fails a job whose process died (stale heartbeat) as interrupted by restart', async () => {
    const orphan = await db.prisma.backtest.create({
      data: {
        userId,
        kind: 'backtest',
        name: 'orphan',
        request: {},
        status: 'RUNNING',
        workerId: 'a-process-that-was-killed',
        heartbeatAt: new Date(Date.now() - 60_000),
        startedAt: new Date(Date.now() - 60_000),
      },
    });
    const server = await startServer(configWith({ staleMs: 5_000 }), { database: db });
    try {
      const failed = await waitFor(
        () => job(orphan.id),
        (row) => row.status !== 'RUNNING',
      );
      expect(failed).toMatchObject({ status: 'FAILED', error: INTERRUPTED_REASON, workerId: null });
    } finally {
      await server.close();
    }
  });

  it('hands a running job back to the queue on a graceful stop; the next process completes it', async () => {
    const first = await startServer(configWith({ stepDelayMs: 50 }), { database: db });
    const principal: AuthenticatedPrincipal = {
      kind: 'user',
      userId,
      sessionId: 'unused',
      role: 'trader',
      permissions: permissionsForRole('trader'),
    };
    const queued = await submitBacktest(first.deps, principal, {
      strategy: { type: 'builtin', name: 'MovingAverage', params: { fast: 5, slow: 20 } },
      data: {
        source: 'simulator',
        symbols: ['SIM'],
        timeframe: '1d',
        start: '2020-01-01T00:00:00Z',
        end: '2021-12-31T00:00:00Z',
      },
      initialCapital: 10_000,
      commission: 0,
      slippage: 0,
      sizing: { type: 'fixed', quantity: 10 },
      seed: 1,
      includeMonteCarlo: false,
      monteCarloRuns: 1000,
      walkForward: false,
      walkForwardWindow: 252,
    });
    await waitFor(
      () => job(queued.id),
      (row) => row.status === 'RUNNING' && row.barsDone > 0,
    );
    await first.close();
    expect(await job(queued.id)).toMatchObject({ status: 'QUEUED', workerId: null, barsDone: 0 });

    const second = await startServer(configWith({}), { database: db });
    try {
      const done = await waitFor(
        () => job(queued.id),
        (row) => row.status === 'COMPLETED',
      );
      expect(done.barsDone).toBe(done.totalBars);
      expect(done.performanceRecordId).not.toBeNull();
    } finally {
      await second.close();
    }
  });
});
