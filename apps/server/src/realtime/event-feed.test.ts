import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DomainEvent, InProcessEventBus } from '../events/event-bus.ts';
import { type PendingEvent, writeOutbox } from '../events/outbox.ts';
import { EventFanout } from './event-fanout.ts';
import { openEventFeed } from './event-feed.ts';

let db: TestDatabase;
let alice: string;
let bob: string;
const bus = new InProcessEventBus();
const fanout = new EventFanout(bus);

beforeAll(async () => {
  db = await createTestDatabase();
  const user = (email: string) =>
    db.prisma.user.create({ data: { email, firstName: 'F', passwordHash: 'x' } });
  alice = (await user('feed-alice@example.com')).id;
  bob = (await user('feed-bob@example.com')).id;
});
afterAll(async () => {
  fanout.close();
  await db?.close();
});

/** Commits events to the outbox, then publishes them, as the bot runner does. */
async function commit(...events: PendingEvent[]): Promise<DomainEvent[]> {
  const written = await db.prisma.$transaction((tx) => writeOutbox(tx, events));
  bus.publish(written);
  return written;
}

const trade = (userId: string, botId: number): PendingEvent => ({
  type: 'trade.executed',
  userId,
  botId,
  payload: { botId },
});

const feedDeps = () => ({
  db,
  fanout,
  now: () => new Date(),
  replayWindowMs: 3_600_000,
  replayMaxEvents: 1_000,
});

describe('openEventFeed', () => {
  it('replays what came after lastEventId, then live events, each once and in id order, however publishing interleaves with the replay', async () => {
    const before = await commit(trade(alice, 1), trade(alice, 1), trade(alice, 2));
    const received: string[] = [];
    const feed = openEventFeed(feedDeps(), {
      filter: { userId: alice },
      lastEventId: before[0]?.id,
      onEvent: (event) => received.push(event.id),
    });
    // Committed while the replay query may still be running: held, then delivered once.
    const during = await commit(trade(alice, 1));
    await feed.ready;
    const after = await commit(trade(alice, 2), trade(bob, 3));
    feed.close();
    await commit(trade(alice, 1));
    expect(received).toEqual([before[1]?.id, before[2]?.id, during[0]?.id, after[0]?.id]);
  });

  it("never delivers another user's events and applies the bot and type filters", async () => {
    const received: DomainEvent[] = [];
    const feed = openEventFeed(feedDeps(), {
      filter: { userId: bob, botId: 3, types: ['trade.executed'] },
      lastEventId: '0',
      onEvent: (event) => received.push(event),
    });
    await feed.ready;
    await commit(trade(alice, 3), trade(bob, 4), {
      type: 'alert',
      userId: bob,
      botId: 3,
      payload: {},
    });
    const mine = await commit(trade(bob, 3));
    feed.close();
    expect(received.every((event) => event.userId === bob && event.botId === 3)).toBe(true);
    expect(received.map((event) => event.type)).toEqual(received.map(() => 'trade.executed'));
    expect(received.at(-1)?.id).toBe(mine[0]?.id);
  });

  it('replays nothing older than the window', async () => {
    const [old] = await commit(trade(alice, 9));
    const received: string[] = [];
    const feed = openEventFeed(
      { ...feedDeps(), now: () => new Date(Date.now() + 7_200_000) },
      {
        filter: { userId: alice, botId: 9 },
        lastEventId: '0',
        onEvent: (e) => received.push(e.id),
      },
    );
    await feed.ready;
    feed.close();
    expect(old).toBeDefined();
    expect(received).toEqual([]);
  });
});
