import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { readPerformance } from './strategy-performance.ts';

const HOUR = 3_600_000;
const now = new Date('2026-06-01T12:00:00Z');
const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
const config = loadConfig({ NODE_ENV: 'test', PAPER_COMMISSION_RATE: '0' });

let db: TestDatabase;
let strategy: { id: number; timeframe: string };

/** A bot of the strategy with an equity curve (hours ago -> equity). */
async function bot(
  userId: string,
  options: {
    initialCash: number;
    startedHoursAgo: number;
    curve: Array<[number, number]>;
    finished?: { hoursAgo: number; cash: number };
  },
) {
  const row = await db.prisma.bot.create({
    data: {
      userId,
      name: 'b',
      status: options.finished ? 'COMPLETED' : 'ACTIVE',
      strategy: 'MovingAverage',
      symbols: ['AAPL'],
      timeframe: '1h',
      initialCash: options.initialCash,
      currentCash: options.finished?.cash ?? options.initialCash,
      finalCash: options.finished?.cash ?? null,
      startTime: at(options.startedHoursAgo),
      endTime: options.finished ? at(options.finished.hoursAgo) : null,
      equitySnapshots: {
        create: options.curve.map(([hoursAgo, equity]) => ({ time: at(hoursAgo), equity })),
      },
    },
  });
  await db.prisma.strategyRun.create({
    data: { strategyId: strategy.id, botId: row.id, createdAt: at(options.startedHoursAgo) },
  });
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await db.prisma.user.create({
    data: { email: 'quant@example.com', firstName: 'Q', passwordHash: 'x' },
  });
  strategy = await db.prisma.strategy.create({
    data: {
      userId: user.id,
      name: 'chained',
      algorithm: 'MovingAverage',
      category: 'trend_following',
      riskLevel: 'medium',
      timeframe: '1h',
      symbols: ['AAPL'],
    },
  });
  // First bot: +10 %, +10 %, then stopped; one winning round trip (buy 10 @ 100, sell @ 121).
  const first = await bot(user.id, {
    initialCash: 1000,
    startedHoursAgo: 100,
    curve: [
      [99, 1000],
      [98, 1100],
      [97, 1210],
    ],
    finished: { hoursAgo: 96, cash: 1210 },
  });
  await db.prisma.trade.createMany({
    data: [
      {
        botId: first.id,
        sequence: 1,
        symbol: 'AAPL',
        action: 'BUY',
        quantity: 10,
        price: 100,
        fee: 0,
        barTime: at(99),
      },
      {
        botId: first.id,
        sequence: 2,
        symbol: 'AAPL',
        action: 'SELL',
        quantity: 10,
        price: 121,
        fee: 0,
        pnl: 210,
        barTime: at(97),
      },
    ],
  });
  // Second bot, still running: -10 %, then +10 %, straddling the last day.
  await bot(user.id, {
    initialCash: 500,
    startedHoursAgo: 48,
    curve: [
      [47, 500],
      [12, 450],
      [1, 495],
    ],
  });
});
afterAll(async () => {
  await db?.close();
});

const deps = () => ({ db, config, now: () => now });

describe('readPerformance', () => {
  it('chains every bot the strategy ran into one curve by return', async () => {
    const all = await readPerformance(db.prisma, deps(), strategy, 'all');
    // 1000 -> 1210, then the second bot's -10 % / +10 % from there: 1.21 × 0.9 × 1.1.
    expect(all).toMatchObject({ period: 'all', since: null, bots: 2, periods: 7 });
    expect(all.totalReturn).toBeCloseTo(1.21 * 0.99 - 1, 12);
    expect(all.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(all).toMatchObject({
      totalTrades: 1,
      winningTrades: 1,
      losingTrades: 0,
      realizedPnl: 210,
    });
  });

  it('keeps to the window: points, bots and round trips inside it, from the equity at its start', async () => {
    const day = await readPerformance(db.prisma, deps(), strategy, '1d');
    expect(day).toMatchObject({ period: '1d', since: at(24).toISOString(), bots: 1, periods: 2 });
    // The second bot started before the window: it is measured from 450, not from 500.
    expect(day.totalReturn).toBeCloseTo(0.1, 12);
    expect(day).toMatchObject({ totalTrades: 0, realizedPnl: 0, maxDrawdown: 0 });
    const week = await readPerformance(db.prisma, deps(), strategy, '7d');
    expect(week.bots).toBe(2);
    expect(week.totalReturn).toBeCloseTo(1.21 * 0.99 - 1, 12);
  });

  it('is flat for a strategy that never ran', async () => {
    const idle = await readPerformance(db.prisma, deps(), { id: 999, timeframe: '1h' }, 'all');
    expect(idle).toMatchObject({ bots: 0, totalReturn: 0, maxDrawdown: 0, totalTrades: 0 });
  });
});
