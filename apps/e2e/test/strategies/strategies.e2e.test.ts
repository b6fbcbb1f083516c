import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

let server: RunningServer;
let alice: TradewindClient;

beforeAll(async () => {
  // A bar every 10 ms, so a started strategy trades within a second or two.
  server = await startTestServer({ simulatorBarMs: 10 });
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('alice@example.com', 'Alice')).accessToken);
});
afterAll(async () => {
  await server?.close();
});

/** Every row the strategy lab writes, to prove a refused call wrote nothing. */
const counts = async () => {
  const prisma = server.deps.db.prisma;
  return {
    strategies: await prisma.strategy.count(),
    events: await prisma.strategyEvent.count(),
    shares: await prisma.strategyShare.count(),
    runs: await prisma.strategyRun.count(),
    bots: await prisma.bot.count(),
  };
};

const config = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  algorithm: 'MovingAverage',
  parameters: { fast: 3, slow: 8 },
  symbols: ['AAPL'],
  ...extra,
});

describe('strategies through the SDK', () => {
  it("creates with the algorithm's defaults, validates parameters, and gets it back", async () => {
    const created = await alice.strategies.create.mutate({
      config: {
        name: 'Momentum Strategy',
        description: 'Price momentum based strategy',
        category: 'momentum',
        parameters: { fast: 12, slow: 26 },
        tags: ['Momentum', 'technical'],
        timeframe: '1h',
        symbols: ['aapl', 'GOOGL', 'MSFT'],
      },
    });
    expect(created).toMatchObject({
      name: 'Momentum Strategy',
      algorithm: 'Momentum',
      category: 'momentum',
      // The schema's defaults complete the parameters.
      parameters: { fast: 12, slow: 26, signal: 9 },
      riskLevel: 'medium',
      tags: ['momentum', 'technical'],
      symbols: ['AAPL', 'GOOGL', 'MSFT'],
      status: 'inactive',
      botId: null,
      permissions: ['read', 'write', 'execute', 'delete', 'share'],
    });
    const detail = await alice.strategies.get.query({ strategyId: created.id });
    expect(detail).toMatchObject({ id: created.id, recentSignals: [] });
    expect(detail.performance).toMatchObject({ period: 'all', bots: 0, totalTrades: 0 });

    // Without validation, parameters are kept as given.
    const raw = await alice.strategies.create.mutate({
      config: config('Unchecked', { parameters: { fast: 3, slow: 8, experimental: 'yes' } }),
      validateParameters: false,
    });
    expect(raw.parameters).toEqual({ fast: 3, slow: 8, experimental: 'yes' });
  });

  it('refuses bad input with a clear error naming the problem, and writes nothing', async () => {
    const before = await counts();
    const cases: Array<[() => Promise<unknown>, number, string, RegExp]> = [
      [
        () =>
          alice.strategies.create.mutate({
            config: config('Bad', { parameters: { fast: 30, slow: 8 } }),
          }),
        400,
        'VALIDATION_ERROR',
        /Invalid parameter "fast" for MovingAverage: must be less than slow/,
      ],
      [
        () =>
          alice.strategies.create.mutate({ config: config('Bad', { parameters: { speed: 3 } }) }),
        400,
        'VALIDATION_ERROR',
        /Unknown parameter "speed" for MovingAverage/,
      ],
      [
        () =>
          alice.strategies.create.mutate({ config: config('Bad', { algorithm: 'Martingale' }) }),
        400,
        'VALIDATION_ERROR',
        /unknown algorithm "Martingale"; known algorithms: MovingAverage, Momentum/,
      ],
      [
        () => alice.strategies.create.mutate({ config: config('   ') }),
        400,
        'VALIDATION_ERROR',
        /must not be empty[\s\S]*at config\.name/,
      ],
      [
        () =>
          alice.strategies.create.mutate({ config: { name: 'No algorithm', symbols: ['AAPL'] } }),
        400,
        'VALIDATION_ERROR',
        /name an algorithm or a category/,
      ],
      [
        () => alice.strategies.create.mutate({ config: config('No symbols', { symbols: [] }) }),
        400,
        'VALIDATION_ERROR',
        /at least one symbol/,
      ],
      [
        () => alice.strategies.list.query({ size: 101 }),
        400,
        'VALIDATION_ERROR',
        /at most 100[\s\S]*at size/,
      ],
      [
        () => alice.strategies.signals.query({ strategyId: 1, limit: 501 }),
        400,
        'VALIDATION_ERROR',
        /at most 500[\s\S]*at limit/,
      ],
      [
        () =>
          alice.strategies.createFromTemplate.mutate({
            templateId: 'get-rich-quick',
            symbols: ['AAPL'],
          }),
        404,
        'NOT_FOUND',
        /Strategy template "get-rich-quick" not found; known templates: moving-average/,
      ],
      [
        () => alice.strategies.performance.query({ strategyId: 1, period: '2w' as never }),
        400,
        'VALIDATION_ERROR',
        /period/,
      ],
      [
        () => alice.strategies.update.mutate({ strategyId: 1, config: {} }),
        400,
        'VALIDATION_ERROR',
        /name at least one field to change/,
      ],
      [
        () =>
          alice.strategies.update.mutate({ strategyId: 1, config: { parameters: { fast: 50 } } }),
        400,
        'VALIDATION_ERROR',
        /Invalid parameter "fast" for Momentum: must be less than slow/,
      ],
      [
        () => alice.strategies.get.query({ strategyId: 999_999 }),
        404,
        'NOT_FOUND',
        /Strategy 999999 not found/,
      ],
    ];
    for (const [call, status, code, message] of cases) {
      const result = await failure(call());
      expect(result, String(message)).toMatchObject({ status, code });
      expect(result.message).toMatch(message);
    }
    expect(await counts()).toEqual(before);
    expect((await alice.strategies.get.query({ strategyId: 1 })).parameters).toEqual({
      fast: 12,
      slow: 26,
      signal: 9,
    });
  });

  it('lists with paging, filters, search, tags and sorting, with a total', async () => {
    const seeded = [
      ['Alpha trend', 'MovingAverage', 'low', ['tech'], 'Slow golden cross on megacaps'],
      ['Beta swing', 'MeanReversion', 'medium', ['tech', 'swing'], 'RSI dips'],
      ['Gamma break', 'Breakout', 'high', ['swing'], 'Bollinger BREAKOUTS'],
    ] as const;
    for (const [name, algorithm, riskLevel, tags, description] of seeded) {
      await alice.strategies.create.mutate({
        config: { name, algorithm, riskLevel, tags: [...tags], description, symbols: ['MSFT'] },
      });
    }
    const all = await alice.strategies.list.query();
    expect(all.pagination).toEqual({ page: 1, size: 20, total: 5, pages: 1 });
    // Newest first by default.
    expect(all.items.map((item) => item.name).slice(0, 3)).toEqual([
      'Gamma break',
      'Beta swing',
      'Alpha trend',
    ]);

    const page2 = await alice.strategies.list.query({
      size: 2,
      page: 2,
      sortBy: 'name',
      sortOrder: 'asc',
    });
    expect(page2.pagination).toEqual({ page: 2, size: 2, total: 5, pages: 3 });
    expect(page2.items.map((item) => item.name)).toEqual(['Gamma break', 'Momentum Strategy']);

    const names = async (input: Parameters<typeof alice.strategies.list.query>[0]) =>
      (await alice.strategies.list.query(input)).items.map((item) => item.name).sort();
    expect(await names({ category: 'mean_reversion' })).toEqual(['Beta swing']);
    expect(await names({ riskLevel: 'high' })).toEqual(['Gamma break']);
    expect(await names({ search: 'breakout' })).toEqual(['Gamma break']);
    expect(await names({ search: 'GOLDEN' })).toEqual(['Alpha trend']);
    expect(await names({ tags: ['swing'] })).toEqual(['Beta swing', 'Gamma break']);
    expect(await names({ tags: ['swing', 'tech'] })).toEqual(['Beta swing']);
    expect(await names({ status: 'active' })).toEqual([]);
    expect((await names({ status: 'inactive' })).length).toBe(5);

    const categories = await alice.strategies.categories.query();
    expect(categories.find((row) => row.category === 'trend_following')).toMatchObject({
      algorithms: ['MovingAverage'],
      strategies: 2,
      active: 0,
    });
    expect(categories.map((row) => row.category)).toEqual([
      'trend_following',
      'momentum',
      'mean_reversion',
      'breakout',
    ]);
  });

  it('serves templates by category and risk level and creates strategies from them', async () => {
    const templates = await alice.strategies.templates.query();
    expect(templates.map((template) => template.id)).toEqual(
      expect.arrayContaining(['moving-average', 'momentum', 'golden-cross', 'rsi-extremes']),
    );
    const low = await alice.strategies.templates.query({
      category: 'trend_following',
      riskLevel: 'low',
    });
    expect(low.map((template) => template.id)).toEqual(['golden-cross']);

    const fromTemplate = await alice.strategies.createFromTemplate.mutate({
      templateId: 'golden-cross',
      symbols: ['SPY'],
      parameters: { fast: 20 },
    });
    expect(fromTemplate).toMatchObject({
      name: 'Golden cross',
      algorithm: 'MovingAverage',
      category: 'trend_following',
      riskLevel: 'low',
      timeframe: '1d',
      parameters: { fast: 20, slow: 200 },
      symbols: ['SPY'],
    });
    const history = await alice.strategies.history.query({ strategyId: fromTemplate.id });
    expect(history).toMatchObject([{ type: 'created', details: { templateId: 'golden-cross' } }]);
    await alice.strategies.delete.mutate({ strategyId: fromTemplate.id });
  });

  it('updates (validated again), runs as a bot, records signals, performance and history', {
    timeout: 60_000,
  }, async () => {
    const strategy = await alice.strategies.create.mutate({
      config: config('Runner', { symbols: ['AAPL', 'GOOGL'], timeframe: '1m' }),
    });
    // A new algorithm brings its own category and default parameters.
    const switched = await alice.strategies.update.mutate({
      strategyId: strategy.id,
      config: { algorithm: 'Momentum', description: 'now MACD' },
    });
    expect(switched).toMatchObject({
      algorithm: 'Momentum',
      category: 'momentum',
      parameters: { fast: 12, slow: 26, signal: 9 },
      description: 'now MACD',
    });
    await alice.strategies.update.mutate({
      strategyId: strategy.id,
      config: { algorithm: 'MovingAverage', parameters: { fast: 3, slow: 8 } },
    });

    const started = await alice.strategies.start.mutate({
      strategyId: strategy.id,
      initialCash: 5000,
    });
    expect(started.status).toBe('active');
    expect(started.botId).not.toBeNull();
    const botId = started.botId as number;
    const bot = await alice.bots.get.query({ botId });
    expect(bot).toMatchObject({
      strategy: 'MovingAverage',
      params: { fast: 3, slow: 8 },
      symbols: ['AAPL', 'GOOGL'],
      initialCash: 5000,
      riskMode: 'balanced',
    });

    // Running: no second start, no delete, no change to how it trades; a rename is fine.
    expect(await failure(alice.strategies.start.mutate({ strategyId: strategy.id }))).toMatchObject(
      {
        status: 409,
        message: expect.stringMatching(/already running/),
      },
    );
    expect(
      await failure(alice.strategies.delete.mutate({ strategyId: strategy.id })),
    ).toMatchObject({
      status: 409,
      message: expect.stringMatching(/while it runs/),
    });
    expect(
      await failure(
        alice.strategies.update.mutate({ strategyId: strategy.id, config: { symbols: ['MSFT'] } }),
      ),
    ).toMatchObject({ status: 409, message: expect.stringMatching(/Cannot change symbols/) });
    expect(
      (
        await alice.strategies.update.mutate({
          strategyId: strategy.id,
          config: { name: 'Runner 2' },
        })
      ).status,
    ).toBe('active');
    expect(
      (await alice.strategies.list.query({ status: 'active' })).items.map((s) => s.id),
    ).toEqual([strategy.id]);

    // The active-bot limit (one) holds: auto-starting another strategy fails and keeps nothing.
    const before = await counts();
    expect(
      await failure(alice.strategies.create.mutate({ config: config('Second'), autoStart: true })),
    ).toMatchObject({ status: 409, message: 'User already has an active trading session' });
    expect(await counts()).toEqual(before);

    const signals = await until(
      () => alice.strategies.signals.query({ strategyId: strategy.id, limit: 500 }),
      (rows) => rows.length >= 3,
    );
    expect(signals[0]).toMatchObject({ strategyId: strategy.id, botId, reason: 'signal' });
    const trades = await alice.trades.list.query({ botId, limit: 1000, offset: 0 });
    expect(trades.trades.map((trade) => trade.id)).toEqual(
      expect.arrayContaining(signals.map((signal) => signal.id)),
    );
    const newest = signals[0]?.timestamp as string;
    const since = await alice.strategies.signals.query({ strategyId: strategy.id, since: newest });
    expect(since.every((signal) => signal.timestamp >= newest)).toBe(true);
    expect(
      await alice.strategies.signals.query({ strategyId: strategy.id, limit: 2 }),
    ).toHaveLength(2);

    const stopped = await alice.strategies.stop.mutate({ strategyId: strategy.id });
    expect(stopped).toMatchObject({ status: 'inactive', botId });
    expect((await alice.bots.get.query({ botId })).status).toBe('COMPLETED');
    expect(await failure(alice.strategies.stop.mutate({ strategyId: strategy.id }))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/is not running/),
    });

    const finished = await alice.bots.get.query({ botId });
    const all = await alice.strategies.performance.query({
      strategyId: strategy.id,
      period: 'all',
    });
    expect(all.bots).toBe(1);
    expect(all.totalReturn).toBeCloseTo((finished.finalCash as number) / 5000 - 1, 8);
    const botPerformance = await alice.performance.bot.query({ botId });
    expect(all.totalTrades).toBe(botPerformance.totalTrades);
    expect(all.maxDrawdown).toBeCloseTo(botPerformance.maxDrawdown, 8);
    const day = await alice.strategies.performance.query({ strategyId: strategy.id, period: '1d' });
    expect(day).toMatchObject({ period: '1d', bots: 1 });
    expect(day.since).not.toBeNull();

    const history = await alice.strategies.history.query({ strategyId: strategy.id });
    expect(history.map((event) => event.type)).toEqual([
      'stopped',
      'updated',
      'started',
      'updated',
      'updated',
      'created',
    ]);
    expect(history[0]?.details).toEqual({ botId });
    const updates = await alice.strategies.history.query({
      strategyId: strategy.id,
      eventType: 'updated',
      limit: 1,
    });
    expect(updates).toMatchObject([{ type: 'updated', details: { fields: ['name'] } }]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(
      await alice.strategies.history.query({ strategyId: strategy.id, since: future }),
    ).toEqual([]);

    // Started again, it runs a second bot; performance then spans both.
    const again = await alice.strategies.start.mutate({ strategyId: strategy.id });
    expect(again.botId).not.toBe(botId);
    await alice.strategies.stop.mutate({ strategyId: strategy.id });
    expect((await alice.strategies.performance.query({ strategyId: strategy.id })).bots).toBe(2);

    // Deleted, it is gone with its history; its bots and their trades stay.
    await alice.strategies.delete.mutate({ strategyId: strategy.id });
    expect(await failure(alice.strategies.get.query({ strategyId: strategy.id }))).toMatchObject({
      status: 404,
    });
    expect((await alice.bots.get.query({ botId })).status).toBe('COMPLETED');
  });
});
