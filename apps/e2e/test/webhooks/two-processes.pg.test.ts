/**
 * Two server processes on one PostgreSQL database share the webhook outbox: each event goes out
 * once while both run, and when the process holding a delivery is killed mid-send the survivor
 * sends it after the lease lapses. Runs in the PostgreSQL suite only.
 */
import { once } from 'node:events';
import { ZWebhookPayload } from '@tradewind/core';
import { createTradewindClient, verifyWebhook } from '@tradewind/sdk';
import {
  createTestDatabase,
  startWebhookReceiver,
  type TestDatabase,
  testDatabaseDialect,
} from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { until } from '../support/until.ts';

const onPostgres = testDatabaseDialect() === 'postgresql';
if (!onPostgres)
  console.log('two-processes.pg.test.ts skipped: needs the PostgreSQL suite (test:postgres)');
const SECRET = 'two-processes-secret-0123';

describe.skipIf(!onPostgres)('webhooks from two server processes on one PostgreSQL', () => {
  let db: TestDatabase;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.databaseUrl ?? '',
      TRADEWIND_SECRET_KEY: 'two-processes-webhook-master-key-0123456789',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_TIMEOUT_MS: '2000',
      SIMULATOR_BAR_MS: '20',
      BOT_LEASE_MS: '1000',
      RATE_LIMIT_SCALE: '1000',
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await db?.close();
  });

  it('sends each event once, and the survivor finishes what a killed process was sending', async () => {
    // The fourth webhook is never answered: whoever sends it is killed while it waits.
    const receiver = await startWebhookReceiver((index) => (index === 3 ? 'hang' : 200));
    try {
      const [first, second] = servers as [ServerProcess, ServerProcess];
      const { accessToken } = await createTradewindClient({ url: first.url }).auth.register.mutate({
        email: 'two@example.com',
        password: PASSWORD,
        firstName: 'Two',
      });
      const client = (server: ServerProcess) =>
        createTradewindClient({
          url: server.url,
          headers: () => ({ authorization: `Bearer ${accessToken}` }),
        });
      await client(first).webhooks.create.mutate({
        url: receiver.url,
        events: ['bot.started', 'bot.finished', 'bot.error', 'trade.executed'],
        secret: SECRET,
      });
      const bot = await client(first).bots.create.mutate({
        initialCash: 10_000,
        symbols: ['AAPL'],
        strategy: 'MovingAverage',
        params: { fast: 2, slow: 5 },
      });
      await receiver.waitFor(4, 60_000);
      const hungId = receiver.received[3]?.headers['webhook-id'];
      const holder = await db.prisma.webhookDelivery.findUniqueOrThrow({
        where: { id: String(hungId) },
      });
      const victim = servers.find((server) => holder.leaseOwner?.includes(`:${server.child.pid}:`));
      expect(victim, `lease owner ${holder.leaseOwner}`).toBeDefined();
      const survivor = victim === first ? second : first;
      const killed = once(victim?.child ?? first.child, 'exit');
      victim?.child.kill('SIGKILL');
      await killed;

      await until(
        async () =>
          receiver.received.filter((webhook) => webhook.headers['webhook-id'] === hungId).length,
        (count) => count === 2,
        60_000,
      );
      await client(survivor).bots.stop.mutate({ botId: bot.id });
      const trades = await client(survivor).trades.list.query({ botId: bot.id, limit: 1000 });
      const deliveries = await until(
        () => client(survivor).webhooks.deliveries.query({ limit: 1000 }),
        (list) =>
          list.some((d) => d.eventType === 'bot.finished') &&
          list.every((d) => d.status === 'SUCCEEDED'),
        60_000,
      );
      expect(deliveries).toHaveLength(trades.total + 2);
      const ids = receiver.received.map(
        (webhook) => verifyWebhook(webhook.body, webhook.headers, SECRET).id,
      );
      // Every delivery arrived; only the one cut short by the kill arrived twice.
      expect(new Set(ids)).toEqual(new Set(deliveries.map((delivery) => delivery.id)));
      expect(ids.filter((id) => id !== hungId)).toHaveLength(new Set(ids).size - 1);
      const firstSeen = [
        ...new Map(
          receiver.received.map((webhook) => [webhook.headers['webhook-id'], webhook.body]),
        ).values(),
      ];
      const tradeIds = firstSeen
        .map((body) => ZWebhookPayload.parse(JSON.parse(body)))
        .flatMap((payload) =>
          payload.event_type === 'trade.executed' ? [payload.data.trade_id] : [],
        );
      expect([...tradeIds].sort((a, b) => a - b)).toEqual(
        trades.trades.map((trade) => trade.id).sort((a, b) => a - b),
      );
    } finally {
      await receiver.close();
    }
  }, 180_000);
});
