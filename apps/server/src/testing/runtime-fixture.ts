import { randomBytes } from 'node:crypto';
import type { AuthenticatedPrincipal } from '@tradewind/core';
import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { createVenues } from '@tradewind/venues';
import { loadConfig } from '../config.ts';
import { type DomainEvent, InProcessEventBus } from '../events/event-bus.ts';
import type { MarketFeed } from '../market/market-feed.ts';
import { SecretBox } from '../security/secret-box.ts';
import type { BotDeps } from '../services/bots/bot-deps.ts';
import { RuntimeSettings } from '../services/settings/runtime-settings.ts';

export type RuntimeFixture = {
  db: TestDatabase;
  deps: BotDeps;
  /** Every event published on the bus, in order. */
  events: DomainEvent[];
  /** A trader who may run up to five bots. */
  principal: AuthenticatedPrincipal;
};

/**
 * For runner and risk-guard tests: a fresh database, bot service dependencies on `market` with a
 * fixed clock, an event bus that records, and a trader. Close `db` after the test.
 */
export async function createRuntimeFixture(market: MarketFeed, now: Date): Promise<RuntimeFixture> {
  const db = await createTestDatabase();
  const events: DomainEvent[] = [];
  const bus = new InProcessEventBus();
  bus.subscribe((event) => events.push(event));
  const user = await db.prisma.user.create({
    data: { email: 'trader@example.com', firstName: 'T', passwordHash: 'x', activeBotLimit: 5 },
  });
  return {
    db,
    deps: {
      db,
      now: () => now,
      events: bus,
      market,
      venues: createVenues({ urlOverrides: {}, extraExchanges: [] }),
      config: loadConfig({ NODE_ENV: 'test' }),
      secretBox: new SecretBox(randomBytes(32)),
      settings: new RuntimeSettings({ db, events: bus }),
    },
    events,
    principal: {
      kind: 'user',
      userId: user.id,
      sessionId: 's',
      role: 'trader',
      permissions: ['bots:read', 'bots:control'],
    },
  };
}
