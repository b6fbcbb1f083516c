import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZWebhookPayload } from '@tradewind/core';
import { createTradewindClient, verifyWebhook } from '@tradewind/sdk';
import { startWebhookReceiver } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/clients.ts';
import { startServerProcess } from '../support/server-process.ts';

const SECRET = 'restart-secret-0123456789';

async function until(
  check: () => Promise<boolean>,
  state: () => unknown = () => '',
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(state())}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('webhook delivery across a crash', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-webhook-restart-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('kill -9 mid-delivery, start again: every event arrives at least once, in order, deduplicable by webhook-id', async () => {
    // The third webhook is never answered: the server is killed while it waits for it.
    const receiver = await startWebhookReceiver((index) => (index === 2 ? 'hang' : 200));
    const env = {
      TRADEWIND_DATA_DIR: dataDir,
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_BASE_MS: '100',
      SIMULATOR_BAR_MS: '20',
      BOT_LEASE_MS: '1000',
      RATE_LIMIT_SCALE: '1000',
    };
    const first = await startServerProcess(env);
    let botId: number;
    let accessToken: string;
    try {
      const anonymous = createTradewindClient({ url: first.url });
      ({ accessToken } = await anonymous.auth.register.mutate({
        email: 'crash@example.com',
        password: PASSWORD,
        firstName: 'Crash',
      }));
      const alice = createTradewindClient({
        url: first.url,
        headers: () => ({ authorization: `Bearer ${accessToken}` }),
      });
      await alice.webhooks.create.mutate({
        url: receiver.url,
        events: ['bot.started', 'bot.finished', 'bot.error', 'trade.executed'],
        secret: SECRET,
      });
      ({ id: botId } = await alice.bots.create.mutate({
        initialCash: 10_000,
        symbols: ['AAPL'],
        strategy: 'MovingAverage',
        params: { fast: 2, slow: 5 },
      }));
      await receiver.waitFor(3, 60_000);
      const killed = once(first.child, 'exit');
      first.child.kill('SIGKILL');
      await killed;
    } finally {
      await first.stop();
    }
    const hungId = receiver.received[2]?.headers['webhook-id'];

    const second = await startServerProcess(env);
    try {
      const alice = createTradewindClient({
        url: second.url,
        headers: () => ({ authorization: `Bearer ${accessToken}` }),
      });
      // The new process sends the delivery the crash cut short again, then the rest.
      await until(
        async () =>
          receiver.received.filter((webhook) => webhook.headers['webhook-id'] === hungId).length ===
          2,
        () => ({ received: receiver.received.length }),
      );
      await alice.bots.stop.mutate({ botId });
      const trades = await alice.trades.list.query({ botId, limit: 1000 });
      let deliveries = await alice.webhooks.deliveries.query({ limit: 1000 });
      await until(
        async () => {
          deliveries = await alice.webhooks.deliveries.query({ limit: 1000 });
          return (
            deliveries.some((d) => d.eventType === 'bot.finished') &&
            deliveries.every((d) => d.status === 'SUCCEEDED')
          );
        },
        () => ({
          received: receiver.received.length,
          total: deliveries.length,
          unfinished: deliveries.filter((d) => d.status !== 'SUCCEEDED').slice(0, 3),
          bot: trades.total,
        }),
      );

      // Every event of the bot's life has a delivery: started, each fill, finished.
      expect(deliveries).toHaveLength(trades.total + 2);
      // The receiver deduplicates by webhook-id, as Standard Webhooks receivers do.
      const firstSeen = new Map<string, string>();
      for (const webhook of receiver.received) {
        const { id } = verifyWebhook(webhook.body, webhook.headers, SECRET, {
          toleranceSeconds: 600,
        });
        if (!firstSeen.has(id)) firstSeen.set(id, webhook.body);
      }
      expect(new Set(firstSeen.keys())).toEqual(new Set(deliveries.map((delivery) => delivery.id)));
      const payloads = [...firstSeen.values()].map((body) =>
        ZWebhookPayload.parse(JSON.parse(body)),
      );
      expect(payloads[0]?.event_type).toBe('bot.started');
      expect(payloads.at(-1)?.event_type).toBe('bot.finished');
      const tradeIds = payloads.flatMap((payload) =>
        payload.event_type === 'trade.executed' ? [payload.data.trade_id] : [],
      );
      // In fill order, none missing, none twice.
      expect(tradeIds).toEqual(trades.trades.map((trade) => trade.id).sort((a, b) => a - b));
      // The delivery cut short by the crash was sent again, with the same id.
      expect(
        receiver.received.filter((webhook) => webhook.headers['webhook-id'] === hungId),
      ).toHaveLength(2);
      expect(receiver.received).toHaveLength(deliveries.length + 1);
    } finally {
      await second.stop();
      await receiver.close();
    }
    // Two cold starts of the compiled server (each up to 120 s on a loaded 2-core machine).
  }, 360_000);
});
