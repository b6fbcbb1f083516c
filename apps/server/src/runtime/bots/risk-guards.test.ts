import type { AuthenticatedPrincipal, RiskSettings, Timeframe } from '@tradewind/core';
import type { Bar, Strategy } from '@tradewind/engine';
import type { TestDatabase } from '@tradewind/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../events/event-bus.ts';
import type { MarketFeed } from '../../market/market-feed.ts';
import { TIMEFRAME_MS } from '../../market/timeframes.ts';
import { resumeBot } from '../../services/bots/bot-commands.ts';
import type { BotDeps } from '../../services/bots/bot-deps.ts';
import { createBot } from '../../services/bots/create-bot.ts';
import { RISK_MODE_DEFAULTS, resolveRiskSettings } from '../../services/bots/risk-settings.ts';
import { createRuntimeFixture } from '../../testing/runtime-fixture.ts';
import { BotRunner } from './bot-runner.ts';

/**
 * A market that plays a script: bar `i` after the bot's start (open = close = `prices[i]`, the
 * last price repeating after the script ends); history before the start is flat at `prices[0]`.
 */
class ScriptedMarket implements MarketFeed {
  constructor(
    readonly start: number,
    readonly prices: readonly number[],
  ) {}

  align(timeframe: Timeframe, time: number): number {
    const step = TIMEFRAME_MS[timeframe];
    return Math.floor(time / step) * step;
  }

  barAt(_symbol: string, timeframe: Timeframe, time: number): Bar {
    const index = Math.round((time - this.align(timeframe, this.start)) / TIMEFRAME_MS[timeframe]);
    const price = this.prices[Math.min(Math.max(index, 0), this.prices.length - 1)] as number;
    return { time, open: price, high: price, low: price, close: price, volume: 1 };
  }

  history(symbol: string, timeframe: Timeframe, time: number, count: number): Bar[] {
    const step = TIMEFRAME_MS[timeframe];
    return Array.from({ length: count }, (_, k) =>
      this.barAt(symbol, timeframe, time - (count - k) * step),
    );
  }
}

/** Buys `quantity` on every close it is flat with nothing pending; never sells. */
const alwaysLong = (quantity: number) => (): Strategy => ({
  name: 'AlwaysLong',
  warmupBars: 0,
  onBar: (_bar, context) => {
    const { broker, symbol } = context;
    if (broker.positionQuantity(symbol) === 0 && !broker.hasPendingOrder(symbol)) {
      broker.submitMarketOrder(symbol, 'BUY', quantity);
    }
  },
});

let db: TestDatabase;
let deps: BotDeps;
let events: DomainEvent[];
let principal: AuthenticatedPrincipal;

async function setUp(start: Date, prices: readonly number[]) {
  ({ db, deps, events, principal } = await createRuntimeFixture(
    new ScriptedMarket(start.getTime(), prices),
    start,
  ));
}

afterEach(async () => {
  await db?.close();
});

function startBot(risk: RiskSettings, timeframe: Timeframe = '1m') {
  return createBot(deps, principal, {
    mode: 'PAPER',
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
    params: {},
    timeframe,
    riskMode: 'balanced',
    risk,
  });
}

function runner(quantity: number, owner = 'risk-runner') {
  return new BotRunner(deps, {
    owner,
    barMs: 1,
    leaseMs: 10_000,
    createStrategy: alwaysLong(quantity),
  });
}

async function ticks(target: BotRunner, count: number) {
  for (let i = 0; i < count; i++) await target.tick();
}

async function trades(botId: number, start: Date, timeframe: Timeframe = '1m') {
  const rows = await db.prisma.trade.findMany({ where: { botId }, orderBy: { sequence: 'asc' } });
  return rows.map((row) => ({
    bar: (row.barTime.getTime() - start.getTime()) / TIMEFRAME_MS[timeframe],
    action: row.action,
    price: Number(row.price),
    fee: Number(row.fee),
    reason: row.reason,
  }));
}

/** Fees as the database stores them (8 decimals). */
const fee = (value: number) => Number(value.toFixed(8));

const byType = (type: string) => events.filter((event) => event.type === type);

describe('risk settings', () => {
  it('resolves each guard from the stored overrides, else the risk mode defaults', () => {
    expect(resolveRiskSettings({ riskMode: 'conservative', risk: {} })).toEqual(
      RISK_MODE_DEFAULTS.conservative,
    );
    expect(resolveRiskSettings({ riskMode: 'aggressive', risk: { cooldownBars: 0 } })).toEqual({
      ...RISK_MODE_DEFAULTS.aggressive,
      cooldownBars: 0,
    });
    expect(resolveRiskSettings({ riskMode: 'unknown', risk: null }).stopLossPercent).toBe(3);
  });
});

describe('stop-loss and cooldown', () => {
  const start = new Date('2026-03-02T09:30:00Z');
  // Entry on bar 1 at 100; bar 5 closes 6 % lower; flat at 94 afterwards.
  const prices = [100, 100, 100, 99, 97, 94, 94, 94, 94, 94, 94, 94, 94, 94, 94];
  const loose = { stopLossPercent: 5, maxDailyLossPercent: 90, maxDrawdownPercent: 90 };

  for (const cooldownBars of [0, 3]) {
    it(`closes at the stop bar's close and blocks re-entry for exactly ${cooldownBars} bars`, async () => {
      await setUp(start, prices);
      const bot = await startBot({ ...loose, cooldownBars });
      await ticks(runner(10), 14);
      const rate = deps.config.paperCommissionRate;
      expect(await trades(bot.id, start)).toEqual([
        { bar: 1, action: 'BUY', price: 100, fee: fee(10 * 100 * rate), reason: 'signal' },
        { bar: 5, action: 'SELL', price: 94, fee: fee(10 * 94 * rate), reason: 'stop_loss' },
        // Entries submitted on the closes of bars 5 .. 5 + cooldown - 1 are dropped.
        {
          bar: 5 + cooldownBars + 1,
          action: 'BUY',
          price: 94,
          fee: fee(10 * 94 * rate),
          reason: 'signal',
        },
      ]);
      const alerts = byType('alert');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.payload).toMatchObject({
        botId: bot.id,
        kind: 'stop_loss',
        values: { symbol: 'AAPL', averagePrice: 100, close: 94, cooldownBars },
      });
      const stopEvent = byType('trade.executed').find((e) => e.payload.reason === 'stop_loss');
      expect(stopEvent?.payload).toMatchObject({ action: 'SELL', price: 94 });
      const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
      expect(row.status).toBe('ACTIVE');
      expect(row.totalTrades).toBe(1);
      expect(Number(row.totalPnl)).toBeCloseTo(-60 - 10 * 100 * rate - 10 * 94 * rate, 6);
    });
  }

  it('keeps the cooldown across a take-over by another runner', async () => {
    await setUp(start, prices);
    const bot = await startBot({ ...loose, cooldownBars: 3 });
    await ticks(runner(10, 'process-a'), 7);
    await db.prisma.bot.update({ where: { id: bot.id }, data: { leaseExpiresAt: new Date(0) } });
    await ticks(runner(10, 'process-b'), 7);
    expect((await trades(bot.id, start)).map((t) => [t.bar, t.reason])).toEqual([
      [1, 'signal'],
      [5, 'stop_loss'],
      [9, 'signal'],
    ]);
  });
});

describe('max drawdown and max daily loss', () => {
  it('sells at the close and pauses the bot with bot.paused and an alert when equity falls past the peak drawdown', async () => {
    const start = new Date('2026-03-02T09:30:00Z');
    // 50 units bought at 100 on bar 1; equity peaks at bar 3 (120), is 4.5 % down at bar 5
    // (110) and about 13.6 % down at bar 6 (90): the 10 % limit is crossed there.
    await setUp(start, [100, 100, 110, 120, 120, 110, 90, 85, 85, 85]);
    const bot = await startBot({
      stopLossPercent: 50,
      maxDrawdownPercent: 10,
      maxDailyLossPercent: 90,
    });
    const r = runner(50);
    await ticks(r, 6);
    expect(byType('bot.paused')).toEqual([]);
    await r.tick();
    const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(row.status).toBe('PAUSED');
    expect(row.lastBarTime?.getTime()).toBe(start.getTime() + 6 * 60_000);
    const [paused] = byType('bot.paused');
    expect(paused?.payload).toMatchObject({
      botId: bot.id,
      status: 'PAUSED',
      reason: 'max_drawdown',
      guards: ['max_drawdown'],
    });
    expect(String(paused?.payload.message)).toContain('below the peak equity');
    const [alert] = byType('alert');
    expect(alert?.payload).toMatchObject({ botId: bot.id, kind: 'max_drawdown' });
    const values = alert?.payload.values as { lossPercent: number; limitPercent: number };
    expect(values.limitPercent).toBe(10);
    expect(values.lossPercent).toBeGreaterThanOrEqual(10);
    expect(
      await db.prisma.outboxEvent.count({
        where: { botId: bot.id, type: { in: ['alert', 'bot.paused'] } },
      }),
    ).toBe(2);
    // Paused: nothing trades, nothing fires again; after a resume the guard stays quiet while
    // equity stays where the operator accepted it.
    await ticks(r, 2);
    await resumeBot(deps, principal, bot.id);
    await ticks(r, 2);
    const resumed = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(resumed.status).toBe('ACTIVE');
    expect(byType('alert')).toHaveLength(1);
    // The trip sold the position at bar 6's close; after the resume the strategy entered again.
    expect((await trades(bot.id, start)).map((t) => [t.bar, t.action, t.price, t.reason])).toEqual([
      [1, 'BUY', 100, 'signal'],
      [6, 'SELL', 90, 'max_drawdown'],
      [10, 'BUY', 85, 'signal'],
    ]);
  });

  it('measures the daily loss from the UTC day start and pauses on the bar that crosses it', async () => {
    // Hourly bars from 20:00 UTC: bars 0-3 are on March 2nd, bar 4 (00:00) starts March 3rd.
    const start = new Date('2026-03-02T20:00:00Z');
    // 80 units bought at 100 on bar 1. Day 1 ends about 4.1 % down (limit 5 %: quiet); on day 2
    // bar 5 is 8.1 % below the initial cash but only 4.2 % below the day's start; bar 6 crosses.
    await setUp(start, [100, 100, 95, 95, 95, 90, 88, 88, 88]);
    const bot = await startBot(
      { stopLossPercent: 50, maxDrawdownPercent: 50, maxDailyLossPercent: 5 },
      '1h',
    );
    const r = runner(80);
    await ticks(r, 6);
    expect(byType('bot.paused')).toEqual([]);
    expect((await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } })).status).toBe(
      'ACTIVE',
    );
    await r.tick();
    const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(row.status).toBe('PAUSED');
    expect(row.lastBarTime?.toISOString()).toBe('2026-03-03T02:00:00.000Z');
    const [paused] = byType('bot.paused');
    expect(paused?.payload).toMatchObject({ reason: 'max_daily_loss', guards: ['max_daily_loss'] });
    const [alert] = byType('alert');
    expect(alert?.payload).toMatchObject({ botId: bot.id, kind: 'max_daily_loss' });
    const rate = deps.config.paperCommissionRate;
    const dayStart = 10_000 - 8_000 * rate - 80 * 5;
    const values = alert?.payload.values as { baseline: number } | undefined;
    expect(values?.baseline).toBeCloseTo(dayStart, 6);
  });

  it('takes the day start from the equity snapshots when another runner takes the bot over', async () => {
    const start = new Date('2026-03-02T20:00:00Z');
    await setUp(start, [100, 100, 95, 95, 95, 90, 88, 88, 88]);
    const bot = await startBot(
      { stopLossPercent: 50, maxDrawdownPercent: 50, maxDailyLossPercent: 5 },
      '1h',
    );
    await ticks(runner(80, 'process-a'), 6);
    await db.prisma.bot.update({ where: { id: bot.id }, data: { leaseExpiresAt: new Date(0) } });
    await runner(80, 'process-b').tick();
    const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(row.status).toBe('PAUSED');
    expect(byType('bot.paused')[0]?.payload.reason).toBe('max_daily_loss');
  });

  it('fires nothing while every limit holds', async () => {
    const start = new Date('2026-03-02T09:30:00Z');
    // Balanced defaults: stop-loss 3 %, daily loss 5 %, drawdown 15 %. 25 units at 100.
    await setUp(start, [100, 100, 98, 101, 97.5, 99, 102, 98.5, 100, 99]);
    const bot = await startBot({});
    await ticks(runner(25), 10);
    const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(row.status).toBe('ACTIVE');
    expect((await trades(bot.id, start)).map((t) => t.reason)).toEqual(['signal']);
    expect(byType('alert')).toEqual([]);
    expect(byType('bot.paused')).toEqual([]);
    expect(
      await db.prisma.outboxEvent.count({ where: { type: { in: ['alert', 'bot.paused'] } } }),
    ).toBe(0);
  });
});
