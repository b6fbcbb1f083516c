import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from './event-bus.ts';
import { type PendingEvent, writeOutbox } from './outbox.ts';
import { PostgresEventBus } from './postgres-event-bus.ts';

let db: TestDatabase;
let userId: string;
const buses: PostgresEventBus[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  userId = (
    await db.prisma.user.create({
      data: { email: 'bus@example.com', firstName: 'B', passwordHash: 'x' },
    })
  ).id;
});
afterAll(async () => {
  for (const bus of buses) await bus.close();
  await db?.close();
});

async function startBus(): Promise<PostgresEventBus> {
  if (!db.databaseUrl) throw new Error('this suite runs on PostgreSQL only');
  const bus = new PostgresEventBus({ databaseUrl: db.databaseUrl, db });
  await bus.start();
  buses.push(bus);
  return bus;
}

async function commit(bus: PostgresEventBus, count: number): Promise<DomainEvent[]> {
  const events: PendingEvent[] = Array.from({ length: count }, (_, index) => ({
    type: 'trade.executed',
    userId,
    botId: null,
    payload: { index },
  }));
  const written = await db.prisma.$transaction((tx) => writeOutbox(tx, events));
  bus.publish(written);
  return written;
}

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgresEventBus', () => {
  it('delivers to its own subscribers at once and to another process by id, in order, however many (NOTIFY chunks); keeps going after its connection is killed', async () => {
    const a = await startBus();
    const b = await startBus();
    const onA: string[] = [];
    const onB: DomainEvent[] = [];
    a.subscribe((event) => onA.push(event.id));
    b.subscribe((event) => onB.push(event));

    // More ids than one notification carries.
    const written = await commit(a, 1000);
    expect(onA).toEqual(written.map((event) => event.id));
    await until(() => onB.length === written.length, 'B to read every event');
    expect(onB.map((event) => event.id)).toEqual(written.map((event) => event.id));
    expect(onB[0]).toMatchObject({ type: 'trade.executed', userId, payload: { index: 0 } });

    // B's listening connection dies; it reconnects and hears A again.
    const admin = new pg.Client({ connectionString: db.databaseUrl });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()",
    );
    await admin.end();
    const before = onB.length;
    const deadline = Date.now() + 10_000;
    let later: DomainEvent[] = [];
    while (onB.length === before) {
      if (Date.now() > deadline) throw new Error('B never heard A again');
      later = await commit(a, 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(onB.at(-1)?.id).toBe(later[0]?.id);
  }, 30_000);
});
