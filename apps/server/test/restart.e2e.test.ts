import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@tradewind/db';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROCESS_START_TIMEOUT_MS,
  spawnServer,
  stopServer,
  waitForHealth,
} from './support/server-process.ts';
import { storedFills, uninterruptedRun } from './support/uninterrupted-run.ts';

const SEED = 7;
const SYMBOLS = ['AAPL', 'NVDA'];
const PARAMS = { fast: 3, slow: 8 };

async function call<T>(
  url: string,
  procedure: string,
  input: unknown,
  token?: string,
  mutation = true,
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = JSON.stringify({ json: input });
  const response = mutation
    ? await fetch(`${url}/trpc/${procedure}`, { method: 'POST', headers, body })
    : await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(body)}`, { headers });
  const payload = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!payload.result) throw new Error(`${procedure} failed: ${JSON.stringify(payload.error)}`);
  return payload.result.data.json;
}

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs = PROCESS_START_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('restart safety', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-restart-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'after kill -9 and a new start, the bot continues with the same fills as an uninterrupted run',
    async () => {
      const env = {
        PORT: String(await freePort()),
        TRADEWIND_DATA_DIR: dataDir,
        SIMULATOR_BAR_MS: '15',
        SIMULATOR_SEED: String(SEED),
        BOT_LEASE_MS: '1000',
        // This test polls; like every test server, it runs with scaled-up rate limits.
        RATE_LIMIT_SCALE: '1000',
      };
      const first = spawnServer(env);
      await waitForHealth(first);
      const tokens = await call<{ accessToken: string }>(first.url, 'auth.register', {
        email: 'restart@example.com',
        password: 'correct horse battery 42',
        firstName: 'Restart',
      });
      const bot = await call<{ id: number }>(
        first.url,
        'bots.create',
        { initialCash: 10_000, symbols: SYMBOLS, strategy: 'MovingAverage', params: PARAMS },
        tokens.accessToken,
      );
      const trades = () =>
        call<{ total: number }>(
          first.url,
          'trades.list',
          { botId: bot.id, limit: 1, offset: 0 },
          tokens.accessToken,
          false,
        );
      await waitFor(async () => (await trades()).total >= 4);
      const beforeKill = (await trades()).total;

      const killed = once(first.child, 'exit');
      first.child.kill('SIGKILL');
      await killed;

      const second = spawnServer(env);
      await waitForHealth(second);
      const login = await call<{ accessToken: string }>(second.url, 'auth.login', {
        login: 'restart@example.com',
        password: 'correct horse battery 42',
      });
      await waitFor(async () => {
        const performance = await call<{ periods: number }>(
          second.url,
          'performance.bot',
          { botId: bot.id },
          login.accessToken,
          false,
        );
        return performance.periods >= 400;
      });
      expect(await stopServer(second)).toBe(0);

      const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
      try {
        const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
        const stored = await db.prisma.trade.findMany({
          where: { botId: bot.id },
          orderBy: { sequence: 'asc' },
        });
        expect(row.status).toBe('ACTIVE');
        expect(row.leaseOwner).toBeNull();
        expect(stored.map((trade) => trade.sequence)).toEqual(stored.map((_, i) => i + 1));

        // The uninterrupted run: the engine alone over the same simulated bars.
        const expected = uninterruptedRun(row, { seed: SEED, symbols: SYMBOLS, params: PARAMS });
        const actual = storedFills(stored);
        // Fills were written on both sides of the kill.
        expect(actual.length).toBeGreaterThan(beforeKill);
        expect(expected.fills.length).toBeGreaterThan(4);
        expect(actual).toEqual(expected.fills);
        expect(await db.prisma.equitySnapshot.count({ where: { botId: bot.id } })).toBe(
          expected.bars,
        );
      } finally {
        await db.close();
      }
      // Two cold starts of a real process and a bot's run in between.
    },
    PROCESS_START_TIMEOUT_MS * 3,
  );
});
