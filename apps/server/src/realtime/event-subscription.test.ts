import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { InProcessEventBus } from '../events/event-bus.ts';
import { writeOutbox } from '../events/outbox.ts';
import { streamEvents } from './event-subscription.ts';
import { RealtimeHub } from './realtime-hub.ts';

let db: TestDatabase;
let userId: string;
const bus = new InProcessEventBus();
let hub: RealtimeHub;

beforeAll(async () => {
  db = await createTestDatabase();
  userId = (
    await db.prisma.user.create({
      data: { email: 'pace@example.com', firstName: 'P', passwordHash: 'x' },
    })
  ).id;
  hub = new RealtimeHub({
    config: {
      ...loadConfig({ NODE_ENV: 'test' }).realtime,
      heartbeatMs: 100,
      maxBufferedBytes: 1_000,
    },
    events: bus,
    db,
    now: () => new Date(),
  });
});
afterAll(async () => {
  hub?.close();
  await db?.close();
});

async function commit() {
  const written = await db.prisma.$transaction((tx) =>
    writeOutbox(tx, [{ type: 'trade.executed', userId, botId: null, payload: {} }]),
  );
  bus.publish(written);
  return written[0]?.id;
}

describe('streamEvents pacing on the socket', () => {
  it('waits while the client has more than the limit unsent, and goes on once it drains', async () => {
    let backlog = 0;
    const stream = streamEvents(
      {
        realtime: hub,
        shutdownSignal: new AbortController().signal,
        outboundBacklog: () => backlog,
      },
      userId,
      { userId },
      null,
      undefined,
    );
    const first = stream.next();
    const firstId = await commit();
    expect((await first).value?.id).toBe(firstId);

    backlog = 5_000;
    const second = stream.next();
    const secondId = await commit();
    let settled = false;
    void second.then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(settled).toBe(false);
    backlog = 0;
    expect((await second).value?.id).toBe(secondId);
    await stream.return();
  });

  it('ends a stream whose client stays behind for two heartbeats with TOO_MANY_REQUESTS', async () => {
    const cutBefore = hub.connections.stats().slowConsumersDisconnected;
    const stream = streamEvents(
      { realtime: hub, shutdownSignal: new AbortController().signal, outboundBacklog: () => 5_000 },
      userId,
      { userId },
      null,
      undefined,
    );
    const next = stream.next();
    await commit();
    await expect(next).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(hub.connections.stats().slowConsumersDisconnected).toBe(cutBefore + 1);
    expect(hub.connections.stats().connectionsByTransport.trpc).toBe(0);
  });
});
