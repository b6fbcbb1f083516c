import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@tradewind/db';
import { createStrategy, PaperBroker, TradingSession } from '@tradewind/engine';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedMarket } from '../src/market/simulated-market.ts';
import { TIMEFRAME_MS } from '../src/market/timeframes.ts';
import { botSizing } from '../src/services/bots/bot-ledger.ts';
import { spawnServer, stopServer, waitForHealth } from './support/server-process.ts';

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

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
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

  it('after kill -9 and a new start, the bot continues with the same fills as an uninterrupted run', async () => {
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
      const market = new SimulatedMarket(SEED);
      const broker = new PaperBroker({ initialCash: 10_000, commissionRate: 0.001 });
      const strategies = Object.fromEntries(
        SYMBOLS.map((s) => [s, createStrategy('MovingAverage', PARAMS)]),
      );
      const session = new TradingSession({ venue: broker, strategies, sizing: botSizing(row) });
      const start = market.align('1m', (row.startTime ?? row.createdAt).getTime());
      const last = row.lastBarTime?.getTime() ?? start;
      for (const symbol of SYMBOLS) {
        for (const bar of market.history(symbol, '1m', start, 100)) session.warmUp(symbol, bar);
      }
      for (let time = start; time <= last; time += TIMEFRAME_MS['1m']) {
        for (const symbol of SYMBOLS) session.onBar(symbol, market.barAt(symbol, '1m', time));
      }
      const expected = broker.fills.map((fill) => ({
        symbol: fill.symbol,
        action: fill.side,
        quantity: fill.quantity,
        price: Number(fill.price.toFixed(8)),
        time: fill.time,
      }));
      const actual = stored.map((trade) => ({
        symbol: trade.symbol,
        action: trade.action,
        quantity: Number(trade.quantity),
        price: Number(trade.price),
        time: trade.barTime.getTime(),
      }));
      // Fills were written on both sides of the kill.
      expect(actual.length).toBeGreaterThan(beforeKill);
      expect(expected.length).toBeGreaterThan(4);
      expect(actual).toEqual(expected);
      expect(await db.prisma.equitySnapshot.count({ where: { botId: bot.id } })).toBe(
        (last - start) / TIMEFRAME_MS['1m'] + 1,
      );
    } finally {
      await db.close();
    }
  }, 120_000);
});
