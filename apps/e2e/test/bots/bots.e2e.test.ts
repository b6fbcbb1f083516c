import type { AuthTokens } from '@tradewind/core';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;

beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 10 });
  const clients = clientsFor(server);
  const a: AuthTokens = await clients.register('alice@example.com', 'Alice');
  const b: AuthTokens = await clients.register('bob@example.com', 'Bob');
  alice = clients.withToken(a.accessToken);
  bob = clients.withToken(b.accessToken);
});
afterAll(async () => {
  await server?.close();
});

const counts = async () => {
  const prisma = server.deps.db.prisma;
  return {
    bots: await prisma.bot.count(),
    trades: await prisma.trade.count(),
    outbox: await prisma.outboxEvent.count(),
  };
};

describe('paper bots through the SDK', () => {
  it('refuses bad input with a clear 4xx and writes nothing', async () => {
    const before = await counts();
    const base = { initialCash: 10_000, symbols: ['AAPL'], strategy: 'MovingAverage' };
    const cases = [
      [{ ...base, strategy: 'Nope' }, 'VALIDATION_ERROR', /Unknown strategy "Nope"/],
      [{ ...base, params: { fast: 50, slow: 10 } }, 'VALIDATION_ERROR', /fast.*less than slow/],
      [{ ...base, params: { speed: 3 } }, 'VALIDATION_ERROR', /Unknown parameter "speed"/],
      [{ ...base, initialCash: -5 }, 'VALIDATION_ERROR', /initialCash/],
      [{ ...base, symbols: [] }, 'VALIDATION_ERROR', /at least one symbol/],
      [
        { ...base, scheduledEndTime: '2020-01-01T00:00:00Z' },
        'VALIDATION_ERROR',
        /scheduledEndTime: must be in the future/,
      ],
      [
        { ...base, mode: 'LIVE' },
        'VALIDATION_ERROR',
        /LIVE bots need the live_trading system mode/,
      ],
    ] as const;
    for (const [input, code, message] of cases) {
      const result = await failure(alice.bots.create.mutate(input as never));
      expect(result.status, JSON.stringify(input)).toBe(400);
      expect(result.code).toBe(code);
      expect(result.message).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('runs a MovingAverage bot: trades within seconds, pause/resume/stop, record and stats', async () => {
    const bot = await alice.bots.create.mutate({
      initialCash: 10_000,
      symbols: ['AAPL', 'GOOGL'],
      strategy: 'MovingAverage',
      params: { fast: 3, slow: 8 },
    });
    expect(bot).toMatchObject({ status: 'ACTIVE', mode: 'PAPER', initialCash: 10_000 });
    expect((await alice.bots.active.query())?.id).toBe(bot.id);

    // A second active bot is refused with the seed's message and the active bot's id.
    const second = await failure(
      alice.bots.create.mutate({ initialCash: 1000, symbols: ['MSFT'], strategy: 'Momentum' }),
    );
    expect(second).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      message: 'User already has an active trading session',
    });

    const traded = await until(
      () => alice.trades.list.query({ botId: bot.id, limit: 100, offset: 0 }),
      (page) => page.total >= 3,
    );
    expect(traded.trades[0]).toMatchObject({ botId: bot.id, reason: 'signal' });

    // Someone else's bot is not found, and stopping it changes nothing.
    expect(await failure(bob.bots.stop.mutate({ botId: bot.id }))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await failure(bob.bots.get.query({ botId: bot.id }))).toMatchObject({ status: 404 });
    expect(await failure(alice.bots.delete.mutate({ botId: bot.id }))).toMatchObject({
      status: 409,
    });

    expect((await alice.bots.pause.mutate({ botId: bot.id })).status).toBe('PAUSED');
    const pausedAt = (await alice.trades.list.query({ botId: bot.id, limit: 1, offset: 0 })).total;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await alice.trades.list.query({ botId: bot.id, limit: 1, offset: 0 })).total).toBe(
      pausedAt,
    );
    expect((await alice.bots.resume.mutate({ botId: bot.id })).status).toBe('ACTIVE');

    const live = await alice.performance.bot.query({ botId: bot.id });
    expect(live.botId).toBe(bot.id);
    expect(live.periods).toBeGreaterThan(10);

    const stopped = await alice.bots.stop.mutate({ botId: bot.id });
    expect(stopped.status).toBe('COMPLETED');
    expect(stopped.finalCash).not.toBeNull();
    const detail = await alice.bots.get.query({ botId: bot.id });
    expect(detail.positions).toEqual([]);
    expect(detail.trades.length).toBeGreaterThanOrEqual(3);
    expect(await alice.bots.active.query()).toBeNull();

    const [record] = await alice.performance.records.query({ limit: 10 });
    expect(record).toMatchObject({
      sessionId: bot.id,
      strategyName: 'MovingAverage',
      strategyType: 'TrendFollowing',
      executionType: 'PAPER_TRADING',
      initialCapital: 10_000,
      totalTrades: stopped.totalTrades,
    });
    expect(record?.finalCapital).toBeCloseTo(stopped.finalCash ?? 0, 6);

    const stats = await alice.performance.stats.query();
    expect(stats).toMatchObject({ totalBots: 1, activeBots: 0, totalTrades: stopped.totalTrades });
    const overview = await alice.performance.overview.query();
    expect(overview).toMatchObject({ totalBots: 1, activeBots: 0 });
    expect(await bob.performance.records.query({ limit: 10 })).toEqual([]);

    await alice.bots.delete.mutate({ botId: bot.id });
    expect(await failure(alice.bots.get.query({ botId: bot.id }))).toMatchObject({ status: 404 });
  });

  it('imports a CSV of candles, and names the line of a bad row without writing anything', async () => {
    const csv =
      'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n2024-01-03,10.5,12,10,11,1200\n';
    const result = await alice.market.import.mutate({ symbol: 'TEST', timeframe: '1d', csv });
    expect(result).toMatchObject({ symbol: 'TEST', imported: 2, from: '2024-01-02T00:00:00.000Z' });
    expect(
      await alice.market.candles.query({ symbol: 'TEST', timeframe: '1d', limit: 10 }),
    ).toHaveLength(2);
    const bad = await failure(
      alice.market.import.mutate({
        symbol: 'BAD',
        timeframe: '1d',
        csv: 'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n2024-01-03,x,12,10,11,1200\n',
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(bad.message).toMatch(/line 3/);
    const symbols = await alice.market.symbols.query();
    expect(symbols.map((entry) => entry.symbol)).toEqual(['TEST']);
  });
});
