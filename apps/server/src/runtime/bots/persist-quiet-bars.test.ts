import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { persistQuietBars, type QuietBar } from './persist-quiet-bars.ts';

const OWNER = 'runner-a';
const T0 = Date.parse('2026-03-02T09:30:00Z');
const MINUTE = 60_000;

let db: TestDatabase;
let userId: string;

beforeEach(async () => {
  db = await createTestDatabase();
  ({ id: userId } = await db.prisma.user.create({
    data: { email: 'quiet@example.com', firstName: 'Q', passwordHash: 'x' },
  }));
});

afterEach(async () => {
  await db.close();
});

/** An ACTIVE bot this runner holds, one bar in, with fill sequence 2. */
async function heldBot(overrides: { leaseOwner?: string; status?: 'ACTIVE' | 'PAUSED' } = {}) {
  return db.prisma.bot.create({
    data: {
      userId,
      name: 'b',
      status: overrides.status ?? 'ACTIVE',
      strategy: 'MovingAverage',
      params: {},
      symbols: ['AAPL', 'MSFT'],
      timeframe: '1m',
      initialCash: 10_000,
      currentCash: 9_000,
      fillSequence: 2,
      lastBarTime: new Date(T0),
      leaseOwner: overrides.leaseOwner ?? OWNER,
      leaseExpiresAt: new Date(T0 + MINUTE),
    },
  });
}

function quiet(botId: number, changes: Partial<QuietBar> = {}): QuietBar {
  return {
    botId,
    status: 'ACTIVE',
    fillSequence: 2,
    previousBarTime: T0,
    time: T0 + MINUTE,
    equity: 10_050.5,
    peakEquity: 10_100.25,
    cash: 9_000,
    marks: [],
    ...changes,
  };
}

describe('persistQuietBars', () => {
  it('moves each bot to its bar, snapshots equity and marks only open positions', async () => {
    const a = await heldBot();
    const b = await heldBot({ status: 'PAUSED' });
    await db.prisma.position.createMany({
      data: [
        {
          botId: a.id,
          symbol: 'AAPL',
          quantity: 10,
          averagePrice: 100,
          lastPrice: 100,
          openedAt: new Date(T0),
        },
        // A closed round trip keeps its last price.
        {
          botId: a.id,
          symbol: 'MSFT',
          quantity: 0,
          averagePrice: 50,
          lastPrice: 50,
          openedAt: new Date(T0),
          closedAt: new Date(T0),
        },
      ],
    });

    const written = await persistQuietBars(db.prisma, OWNER, [
      quiet(a.id, {
        marks: [
          { symbol: 'AAPL', price: 105.5 },
          { symbol: 'MSFT', price: 55 },
        ],
      }),
      quiet(b.id, { status: 'PAUSED', equity: 9_000, peakEquity: 10_000 }),
    ]);

    expect([...written].sort()).toEqual([a.id, b.id].sort());
    const botA = await db.prisma.bot.findUniqueOrThrow({ where: { id: a.id } });
    expect(botA.lastBarTime?.getTime()).toBe(T0 + MINUTE);
    expect(Number(botA.peakEquity)).toBe(10_100.25);
    const snapshots = await db.prisma.equitySnapshot.findMany({ orderBy: { botId: 'asc' } });
    expect(snapshots.map((s) => [s.botId, s.time.getTime(), Number(s.equity)])).toEqual(
      [
        [a.id, T0 + MINUTE, 10_050.5],
        [b.id, T0 + MINUTE, 9_000],
      ].sort((x, y) => (x[0] as number) - (y[0] as number)),
    );
    const positions = await db.prisma.position.findMany({ orderBy: { symbol: 'asc' } });
    expect(positions.map((p) => [p.symbol, Number(p.lastPrice)])).toEqual([
      ['AAPL', 105.5],
      ['MSFT', 50],
    ]);
  });

  it('leaves out every bot that changed under the runner, and writes the others', async () => {
    const fine = await heldBot();
    const otherOwner = await heldBot({ leaseOwner: 'runner-b' });
    const paused = await heldBot({ status: 'PAUSED' });
    const filled = await heldBot();
    const moved = await heldBot();

    const written = await persistQuietBars(db.prisma, OWNER, [
      quiet(fine.id),
      quiet(otherOwner.id),
      quiet(paused.id), // the runner still believes ACTIVE
      quiet(filled.id, { fillSequence: 1 }), // an operator fill happened meanwhile
      quiet(moved.id, { previousBarTime: T0 - MINUTE }), // this bar was already written
    ]);

    expect([...written]).toEqual([fine.id]);
    const snapshots = await db.prisma.equitySnapshot.findMany();
    expect(snapshots.map((s) => s.botId)).toEqual([fine.id]);
    const untouched = await db.prisma.bot.findMany({ where: { id: { not: fine.id } } });
    expect(untouched.every((bot) => bot.lastBarTime?.getTime() === T0)).toBe(true);
  });

  it('cannot write the same bar twice', async () => {
    const bot = await heldBot();
    expect([...(await persistQuietBars(db.prisma, OWNER, [quiet(bot.id)]))]).toEqual([bot.id]);
    expect([...(await persistQuietBars(db.prisma, OWNER, [quiet(bot.id)]))]).toEqual([]);
    expect(await db.prisma.equitySnapshot.count()).toBe(1);
  });

  it('writes a bot its first bar (no previous bar)', async () => {
    const bot = await heldBot();
    await db.prisma.bot.update({ where: { id: bot.id }, data: { lastBarTime: null } });
    const written = await persistQuietBars(db.prisma, OWNER, [
      quiet(bot.id, { previousBarTime: null, time: T0 }),
    ]);
    expect([...written]).toEqual([bot.id]);
  });
});
