import type { AuthenticatedPrincipal } from '@tradewind/core';
import { createStrategy, PaperBroker, type Strategy, TradingSession } from '@tradewind/engine';
import type { TestDatabase } from '@tradewind/testing';
import { SimulatedMarket } from '@tradewind/venues';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../events/event-bus.ts';
import { TIMEFRAME_MS } from '../../market/timeframes.ts';
import { forceEnter, pauseBot, resumeBot, stopBot } from '../../services/bots/bot-commands.ts';
import type { BotDeps } from '../../services/bots/bot-deps.ts';
import { botSizing } from '../../services/bots/bot-ledger.ts';
import { createBot } from '../../services/bots/create-bot.ts';
import { createRuntimeFixture } from '../../testing/runtime-fixture.ts';
import { BotRunner } from './bot-runner.ts';

const START = new Date('2026-03-02T09:30:00Z');

let db: TestDatabase;
let deps: BotDeps;
let events: DomainEvent[];
let principal: AuthenticatedPrincipal;

beforeEach(async () => {
  ({ db, deps, events, principal } = await createRuntimeFixture(new SimulatedMarket(42), START));
});

afterEach(async () => {
  await db.close();
});

const input = (params: Record<string, number> = { fast: 3, slow: 8 }) => ({
  mode: 'PAPER' as const,
  initialCash: 10_000,
  symbols: ['AAPL', 'MSFT'],
  strategy: 'MovingAverage',
  params,
  timeframe: '1m' as const,
  riskMode: 'balanced' as const,
});

function runner(owner = 'test-runner', factory?: (name: string, params: unknown) => Strategy) {
  return new BotRunner(deps, {
    owner,
    barMs: 1,
    leaseMs: 10_000,
    ...(factory && { createStrategy: factory }),
  });
}

async function ticks(target: BotRunner, count: number) {
  for (let i = 0; i < count; i++) await target.tick();
}

/** The same bars through the engine alone: what the bot must have filled. */
function expectedFills(bars: number) {
  const broker = new PaperBroker({
    initialCash: 10_000,
    commissionRate: deps.config.paperCommissionRate,
  });
  const symbols = ['AAPL', 'MSFT'];
  const strategies = Object.fromEntries(
    symbols.map((s) => [s, createStrategy('MovingAverage', { fast: 3, slow: 8 })]),
  );
  const session = new TradingSession({
    venue: broker,
    strategies,
    sizing: botSizing({ risk: {}, riskMode: 'balanced' }),
  });
  const first = deps.market.align('1m', START.getTime());
  for (const symbol of symbols) {
    for (const bar of deps.market.history(symbol, '1m', first, 100)) session.warmUp(symbol, bar);
  }
  for (let i = 0; i < bars; i++) {
    for (const symbol of symbols)
      session.onBar(symbol, deps.market.barAt(symbol, '1m', first + i * TIMEFRAME_MS['1m']));
  }
  return broker.fills.map((fill) => ({
    symbol: fill.symbol,
    action: fill.side,
    quantity: fill.quantity,
    price: Number(fill.price.toFixed(8)),
  }));
}

async function storedFills(botId: number) {
  const trades = await db.prisma.trade.findMany({ where: { botId }, orderBy: { sequence: 'asc' } });
  return trades.map((trade) => ({
    symbol: trade.symbol,
    action: trade.action,
    quantity: Number(trade.quantity),
    price: Number(trade.price),
  }));
}

describe('BotRunner', () => {
  it('trades a bot bar by bar exactly like the engine, persisting fills, equity and events', async () => {
    const bot = await createBot(deps, principal, input());
    const first = runner();
    await ticks(first, 120);
    const fills = await storedFills(bot.id);
    expect(fills.length).toBeGreaterThan(4);
    expect(fills).toEqual(expectedFills(120));
    const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(row.fillSequence).toBe(fills.length);
    expect(await db.prisma.equitySnapshot.count({ where: { botId: bot.id } })).toBe(120);
    expect(row.totalTrades).toBe(fills.filter((fill) => fill.action === 'SELL').length);
    expect(events.filter((event) => event.type === 'trade.executed')).toHaveLength(fills.length);
    expect(await db.prisma.outboxEvent.count({ where: { type: 'trade.executed' } })).toBe(
      fills.length,
    );
  });

  it('resumes in another runner after the first one vanished: same fills, none duplicated', async () => {
    const bot = await createBot(deps, principal, input());
    await ticks(runner('process-a'), 50);
    // Process A dies without releasing its lease; B may only take the bot once it expired.
    const b = runner('process-b');
    await b.tick();
    expect(b.heldBotIds()).toEqual([]);
    await db.prisma.bot.update({ where: { id: bot.id }, data: { leaseExpiresAt: new Date(0) } });
    await ticks(b, 70);
    expect(await storedFills(bot.id)).toEqual(expectedFills(120));
  });

  it('pauses without trading, resumes, and stops at the last price with a performance record', async () => {
    const bot = await createBot(deps, principal, input());
    const r = runner();
    await ticks(r, 30);
    await pauseBot(deps, principal, bot.id);
    const before = await db.prisma.trade.count({ where: { botId: bot.id } });
    await ticks(r, 40);
    expect(await db.prisma.trade.count({ where: { botId: bot.id } })).toBe(before);
    const paused = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(paused.lastBarTime?.getTime()).toBe(
      deps.market.align('1m', START.getTime()) + 69 * 60_000,
    );
    await resumeBot(deps, principal, bot.id);
    await ticks(r, 60);
    await forceEnter(deps, principal, { botId: bot.id, symbol: 'AAPL', quantity: 1 });
    await ticks(r, 5);
    const stopped = await stopBot(deps, principal, bot.id);
    expect(stopped.status).toBe('COMPLETED');
    expect(stopped.finalCash).not.toBeNull();
    const open = await db.prisma.position.count({ where: { botId: bot.id, closedAt: null } });
    expect(open).toBe(0);
    const record = await db.prisma.performanceRecord.findFirstOrThrow({ where: { botId: bot.id } });
    expect(record.executionType).toBe('PAPER_TRADING');
    expect(Number(record.finalCapital)).toBeCloseTo(stopped.finalCash ?? 0, 6);
    expect(record.totalTrades).toBe(stopped.totalTrades);
    const seqs = (
      await db.prisma.trade.findMany({ where: { botId: bot.id }, orderBy: { sequence: 'asc' } })
    ).map((t) => t.sequence);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await r.tick();
    expect(r.heldBotIds()).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['bot.started', 'bot.paused', 'bot.resumed', 'bot.finished']),
    );
  });

  it('puts only the bot whose strategy throws in ERROR; the other keeps trading', async () => {
    const healthy = await createBot(deps, principal, input());
    const broken = await createBot(deps, principal, input({ fast: 4, slow: 9 }));
    const factory = (name: string, params: unknown) => {
      const strategy = createStrategy(name, params);
      if ((params as { fast: number }).fast !== 4) return strategy;
      let bars = 0;
      return {
        name,
        warmupBars: strategy.warmupBars,
        onBar: (bar, context) => {
          if (++bars > 110) throw new Error('strategy exploded');
          strategy.onBar(bar, context);
        },
      } satisfies Strategy;
    };
    const r = runner('r', factory);
    await ticks(r, 60);
    const failed = await db.prisma.bot.findUniqueOrThrow({ where: { id: broken.id } });
    expect(failed.status).toBe('ERROR');
    expect(failed.errorMessage).toBe('strategy exploded');
    expect(events.some((event) => event.type === 'bot.error' && event.botId === broken.id)).toBe(
      true,
    );
    const alive = await db.prisma.bot.findUniqueOrThrow({ where: { id: healthy.id } });
    expect(alive.status).toBe('ACTIVE');
    expect(await db.prisma.equitySnapshot.count({ where: { botId: healthy.id } })).toBe(60);
  });

  it('keeps a bot running past a stored fill its ledger cannot replay, and alerts on it', async () => {
    const bot = await createBot(deps, principal, input());
    // A zero-quantity fill, as a door that rounded 1e-9 to the stored 8 decimals once wrote.
    await db.prisma.$transaction([
      db.prisma.trade.create({
        data: {
          botId: bot.id,
          sequence: 1,
          symbol: 'AAPL',
          action: 'BUY',
          quantity: 0,
          price: 100,
          fee: 0,
          reason: 'force_enter',
          barTime: START,
        },
      }),
      db.prisma.bot.update({ where: { id: bot.id }, data: { fillSequence: 1 } }),
    ]);
    await ticks(runner(), 5);
    const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(row.status).toBe('ACTIVE');
    expect(row.errorMessage).toBeNull();
    const alert = await db.prisma.outboxEvent.findFirstOrThrow({
      where: { botId: bot.id, type: 'alert' },
    });
    expect(alert.payload).toMatchObject({
      kind: 'ledger_inconsistent',
      message: expect.stringMatching(/stored fill\(s\) 1 could not be replayed/),
      values: { fills: [{ sequence: 1, message: expect.stringMatching(/got 0 at 100/) }] },
    });
  });

  it('stops a bot at its scheduled end time', async () => {
    const bot = await createBot(deps, principal, {
      ...input(),
      scheduledEndTime: new Date(START.getTime() + 60_000).toISOString(),
    });
    const r = runner();
    await ticks(r, 5);
    deps.now = () => new Date(START.getTime() + 61_000);
    await r.tick();
    const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(row.status).toBe('COMPLETED');
    expect(await db.prisma.performanceRecord.count({ where: { botId: bot.id } })).toBe(1);
  });
});
