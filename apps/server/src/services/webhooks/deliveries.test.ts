import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDueDeliveries, fanOutOutbox } from './deliveries.ts';

let db: TestDatabase;
let userId: string;
const T0 = new Date('2026-03-02T09:30:00Z');

beforeEach(async () => {
  db = await createTestDatabase();
  const user = await db.prisma.user.create({
    data: { email: 'gaps@example.com', firstName: 'G', passwordHash: 'x' },
  });
  userId = user.id;
  await db.prisma.webhookSubscription.create({
    data: { userId, url: 'http://127.0.0.1:9/x', events: ['bot.error'], createdAt: T0 },
  });
});
afterEach(async () => {
  await db.close();
});

/** An outbox row with a chosen id, as a transaction that took that id would commit it. */
function commitEvent(id: number, at = T0) {
  return db.prisma.outboxEvent.create({
    data: {
      id: BigInt(id),
      type: 'bot.error',
      userId,
      botId: 7,
      payload: { botId: 7, message: `failure ${id}` },
      createdAt: at,
    },
  });
}

async function deliveredEventIds(): Promise<number[]> {
  const rows = await db.prisma.webhookDelivery.findMany({ orderBy: { outboxEventId: 'asc' } });
  return rows.map((row) => Number(row.outboxEventId));
}

describe('fanOutOutbox', () => {
  it('fans out events past a hole at once and the hole when it commits later', async () => {
    const start = new Date(T0.getTime() + 1_000);
    await commitEvent(1);
    await commitEvent(4);
    await fanOutOutbox(db, start);
    expect(await deliveredEventIds()).toEqual([1, 4]);
    const cursor = await db.prisma.outboxCursor.findUniqueOrThrow({
      where: { consumer: 'webhooks' },
    });
    expect(cursor.position).toBe(4n);
    expect((cursor.gaps as { id: string }[]).map((gap) => gap.id)).toEqual(['2', '3']);

    // The transaction that took id 3 commits late; id 2 was rolled back.
    await commitEvent(3);
    await fanOutOutbox(db, new Date(start.getTime() + 5_000));
    expect(await deliveredEventIds()).toEqual([1, 3, 4]);
    const after = await db.prisma.outboxCursor.findUniqueOrThrow({
      where: { consumer: 'webhooks' },
    });
    expect((after.gaps as { id: string }[]).map((gap) => gap.id)).toEqual(['2']);

    // Past the grace period the hole is forgotten.
    await fanOutOutbox(db, new Date(start.getTime() + 121_000));
    const forgotten = await db.prisma.outboxCursor.findUniqueOrThrow({
      where: { consumer: 'webhooks' },
    });
    expect(forgotten.gaps).toEqual([]);
  });

  it('a replayed fan-out creates no second delivery', async () => {
    await commitEvent(1);
    await fanOutOutbox(db, T0);
    await db.prisma.outboxCursor.update({
      where: { consumer: 'webhooks' },
      data: { position: 0n },
    });
    await fanOutOutbox(db, T0);
    expect(await deliveredEventIds()).toEqual([1]);
  });

  it('subscriptions get only events from after they were created', async () => {
    await commitEvent(1, new Date(T0.getTime() - 1_000));
    await commitEvent(2);
    await fanOutOutbox(db, T0);
    expect(await deliveredEventIds()).toEqual([2]);
  });
});

describe('claimDueDeliveries', () => {
  it("claims a subscription's queue from its head, in order, and never one leased elsewhere", async () => {
    await commitEvent(1);
    await commitEvent(2);
    await fanOutOutbox(db, T0);
    const lease = new Date(T0.getTime() + 10_000);
    const first = await claimDueDeliveries(db, 'a', T0, lease, 10);
    expect(first.groups).toHaveLength(1);
    const rows = await db.prisma.webhookDelivery.findMany({
      where: { id: { in: first.groups[0] } },
    });
    const byId = new Map(rows.map((row) => [row.id, Number(row.outboxEventId)]));
    expect(first.groups[0]?.map((id) => byId.get(id))).toEqual([1, 2]);
    // While they are in flight, nothing of this subscription goes out, for any process.
    expect((await claimDueDeliveries(db, 'b', T0, lease, 10)).groups).toEqual([]);
    // Lapsed leases (their process died) are claimed again.
    const later = new Date(lease.getTime() + 1);
    const again = await claimDueDeliveries(db, 'b', later, new Date(later.getTime() + 10_000), 10);
    expect(again.groups).toEqual(first.groups);
  });

  it('stops a run at a delivery waiting for its retry', async () => {
    await commitEvent(1);
    await commitEvent(2);
    await fanOutOutbox(db, T0);
    const head = await db.prisma.webhookDelivery.findFirstOrThrow({ where: { outboxEventId: 1n } });
    await db.prisma.webhookDelivery.update({
      where: { id: head.id },
      data: { nextAttemptAt: new Date(T0.getTime() + 5_000), attempts: 1 },
    });
    const blocked = await claimDueDeliveries(db, 'a', T0, new Date(T0.getTime() + 10_000), 10);
    expect(blocked).toEqual({ groups: [], nextDueAt: new Date(T0.getTime() + 5_000) });
  });
});
