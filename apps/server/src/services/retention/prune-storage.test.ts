import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pruneStorage } from './prune-storage.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T00:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const WINDOWS = {
  outboxMs: 7 * DAY,
  replayWindowMs: 1 * DAY,
  webhookDeliveryMs: 30 * DAY,
  tradingViewSignalMs: 30 * DAY,
  backtestUploadMs: 7 * DAY,
};

let db: TestDatabase;
let userId: string;
let subscriptionId: number;

beforeEach(async () => {
  db = await createTestDatabase();
  const user = await db.prisma.user.create({
    data: { email: 'keep@example.com', firstName: 'Keep', passwordHash: 'x' },
  });
  userId = user.id;
  const subscription = await db.prisma.webhookSubscription.create({
    data: { userId, url: 'https://example.com/hook', events: ['bot.error'] },
  });
  subscriptionId = subscription.id;
});
afterEach(async () => {
  await db?.close();
});

async function outbox(createdAt: Date) {
  const row = await db.prisma.outboxEvent.create({
    data: { type: 'bot.error', userId, botId: 1, payload: {}, createdAt },
  });
  return row.id;
}

async function delivery(status: 'PENDING' | 'SUCCEEDED' | 'FAILED', createdAt: Date) {
  const row = await db.prisma.webhookDelivery.create({
    data: { subscriptionId, eventType: 'bot.error', body: '{}', status, createdAt },
  });
  await db.prisma.webhookEvent.create({
    data: { deliveryId: row.id, attempt: 1, status: 'FAILED', durationMs: 1 },
  });
  return row.id;
}

describe('pruneStorage', () => {
  it('deletes what is past its window and nothing a reader still needs', async () => {
    const oldConsumed = await outbox(ago(10));
    const oldUnconsumed = await outbox(ago(10));
    const recent = await outbox(ago(1));
    // The webhook fan-out has read up to the first event only.
    await db.prisma.outboxCursor.upsert({
      where: { consumer: 'webhooks' },
      create: { consumer: 'webhooks', position: oldConsumed },
      update: { position: oldConsumed },
    });
    const oldSucceeded = await delivery('SUCCEEDED', ago(40));
    const oldFailed = await delivery('FAILED', ago(40));
    const oldPending = await delivery('PENDING', ago(40));
    const recentSucceeded = await delivery('SUCCEEDED', ago(2));
    await db.prisma.idempotencyKey.createMany({
      data: [
        { scope: 's', key: 'expired', fingerprint: 'f', expiresAt: ago(1) },
        { scope: 's', key: 'live', fingerprint: 'f', expiresAt: new Date(NOW.getTime() + DAY) },
      ],
    });
    const signal = (id: string, receivedAt: Date) => ({
      id,
      userId,
      status: 'REJECTED' as const,
      httpStatus: 400,
      receivedAt,
    });
    await db.prisma.tradingViewSignal.createMany({
      data: [
        signal('00000000-0000-4000-8000-000000000001', ago(31)),
        signal('00000000-0000-4000-8000-000000000002', ago(29)),
      ],
    });

    const counts = await pruneStorage(db, WINDOWS, NOW);

    expect(counts).toMatchObject({
      outboxEvents: 1,
      webhookDeliveries: 2,
      idempotencyKeys: 1,
      tradingViewSignals: 1,
    });
    const outboxLeft = await db.prisma.outboxEvent.findMany({ select: { id: true } });
    expect(outboxLeft.map((row) => row.id).sort()).toEqual([oldUnconsumed, recent].sort());
    const deliveriesLeft = await db.prisma.webhookDelivery.findMany({ select: { id: true } });
    expect(deliveriesLeft.map((row) => row.id).sort()).toEqual(
      [oldPending, recentSucceeded].sort(),
    );
    // Attempt logs go with their delivery.
    expect(
      await db.prisma.webhookEvent.count({
        where: { deliveryId: { in: [oldSucceeded, oldFailed] } },
      }),
    ).toBe(0);
    expect(await db.prisma.webhookEvent.count()).toBe(2);
    expect((await db.prisma.idempotencyKey.findMany()).map((row) => row.key)).toEqual(['live']);
    expect(await db.prisma.tradingViewSignal.count()).toBe(1);
  });

  it('keeps outbox events inside the realtime replay window even past the outbox window', async () => {
    const id = await outbox(ago(10));
    await db.prisma.outboxCursor.upsert({
      where: { consumer: 'webhooks' },
      create: { consumer: 'webhooks', position: id },
      update: { position: id },
    });
    const counts = await pruneStorage(db, { ...WINDOWS, replayWindowMs: 14 * DAY }, NOW);
    expect(counts.outboxEvents).toBe(0);
    expect(await db.prisma.outboxEvent.count()).toBe(1);
  });
});
