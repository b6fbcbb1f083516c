import crypto from 'node:crypto';
import { type WebhookPayload, ZWebhookPayload } from '@tradewind/core';
import { type TradewindClient, verifyWebhook, verifyWebhookSignature } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { startWebhookReceiver, type WebhookReceiver } from '@tradewind/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

const SECRET = 'receiver-secret-0123456789';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
const receivers: WebhookReceiver[] = [];

async function receiver(...args: Parameters<typeof startWebhookReceiver>) {
  const started = await startWebhookReceiver(...args);
  receivers.push(started);
  return started;
}

/** Seed 000's Node.js verification example, verbatim apart from types. */
function seedVerify(payload: unknown, signature: string, secret: string): boolean {
  const hmac = crypto.createHmac('sha256', secret);
  const digest = hmac.update(JSON.stringify(payload)).digest('hex');
  const expectedSignature = `sha256=${digest}`;
  return (
    signature.length === expectedSignature.length &&
    crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expectedSignature))
  );
}

beforeAll(async () => {
  server = await startTestServer({
    simulatorBarMs: 10,
    webhookAllowPrivateUrls: true,
    webhookRetryBaseMs: 200,
    webhookMaxAttempts: 4,
  });
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('alice@example.com', 'Alice')).accessToken);
  bob = clients.withToken((await clients.register('bob@example.com', 'Bob')).accessToken);
});
afterEach(async () => {
  for (const subscription of await alice.webhooks.list.query()) {
    await alice.webhooks.delete.mutate({ id: subscription.id });
  }
  await Promise.all(receivers.splice(0).map((started) => started.close()));
});
afterAll(async () => {
  await server?.close();
});

/** Starts a fast MovingAverage bot, waits for `trades` fills, stops it; returns its id. */
async function botLife(client: TradewindClient, trades = 3): Promise<number> {
  const bot = await client.bots.create.mutate({
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
    params: { fast: 2, slow: 5 },
  });
  await until(
    () => client.trades.list.query({ botId: bot.id, limit: 1 }),
    (list) => list.total >= trades,
  );
  await client.bots.stop.mutate({ botId: bot.id });
  return bot.id;
}

/** The bot's events a full subscription receives, in outbox order. */
async function webhookEventsOf(botId: number): Promise<string[]> {
  const rows = await server.deps.db.prisma.outboxEvent.findMany({
    where: { botId, type: { in: ['bot.started', 'bot.finished', 'bot.error', 'trade.executed'] } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => row.type);
}

describe('webhook subscriptions through the SDK', () => {
  it('creates, edits, toggles, lists and deletes; never shows the secret', async () => {
    const created = await alice.webhooks.create.mutate({
      url: 'http://127.0.0.1:9/hook',
      events: ['bot.started', 'trade.executed'],
      secret: SECRET,
    });
    expect(created).toMatchObject({
      url: 'http://127.0.0.1:9/hook',
      events: ['bot.started', 'trade.executed'],
      active: true,
      hasSecret: true,
      previousSecretExpiresAt: null,
    });
    expect(JSON.stringify(created)).not.toContain(SECRET);
    const stored = await server.deps.db.prisma.webhookSubscription.findUniqueOrThrow({
      where: { id: created.id },
    });
    expect(stored.secretEncrypted).not.toContain(SECRET);

    const edited = await alice.webhooks.update.mutate({
      id: created.id,
      url: 'http://127.0.0.1:10/other',
      events: ['bot.finished'],
      secret: 'rotated-secret-0123456789',
    });
    expect(edited).toMatchObject({
      url: 'http://127.0.0.1:10/other',
      events: ['bot.finished'],
      hasSecret: true,
    });
    // The old secret keeps signing for the rotation window.
    expect(Date.parse(edited.previousSecretExpiresAt ?? '')).toBeGreaterThan(
      Date.now() + 23 * 3_600_000,
    );

    expect(await alice.webhooks.toggle.mutate({ id: created.id, active: false })).toMatchObject({
      active: false,
    });
    expect(await alice.webhooks.list.query()).toEqual([
      expect.objectContaining({ id: created.id, active: false }),
    ]);
    expect(await alice.webhooks.update.mutate({ id: created.id, secret: null })).toMatchObject({
      hasSecret: false,
      previousSecretExpiresAt: null,
    });
    await alice.webhooks.delete.mutate({ id: created.id });
    expect(await alice.webhooks.list.query()).toEqual([]);
    // Each change is in the audit trail, never with a secret.
    const audit = await server.deps.db.prisma.auditEntry.findMany({
      where: { targetType: 'webhook', targetId: String(created.id) },
      orderBy: { id: 'asc' },
    });
    expect(
      audit.map((entry) => [entry.action, (entry.metadata as { secret?: string }).secret]),
    ).toEqual([
      ['webhook.created', undefined],
      ['webhook.updated', 'rotated'],
      ['webhook.updated', 'unchanged'],
      ['webhook.updated', 'removed'],
      ['webhook.deleted', undefined],
    ]);
    expect(JSON.stringify(audit.map((entry) => entry.metadata))).not.toContain('secret-0123456789');
    expect(await failure(alice.webhooks.get.query({ id: created.id }))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it("keeps each user's subscriptions and deliveries to themselves", async () => {
    const target = await receiver();
    const mine = await alice.webhooks.create.mutate({ url: target.url, events: ['bot.started'] });
    const test = await alice.webhooks.test.mutate({ id: mine.id });
    expect(await bob.webhooks.list.query()).toEqual([]);
    expect(await bob.webhooks.deliveries.query()).toEqual([]);
    const notFound = { status: 404, code: 'NOT_FOUND', message: `Webhook ${mine.id} not found` };
    expect(await failure(bob.webhooks.get.query({ id: mine.id }))).toEqual(notFound);
    expect(
      await failure(bob.webhooks.update.mutate({ id: mine.id, url: 'http://127.0.0.1:1/x' })),
    ).toEqual(notFound);
    expect(await failure(bob.webhooks.toggle.mutate({ id: mine.id, active: false }))).toEqual(
      notFound,
    );
    expect(await failure(bob.webhooks.delete.mutate({ id: mine.id }))).toEqual(notFound);
    expect(await failure(bob.webhooks.test.mutate({ id: mine.id }))).toEqual(notFound);
    expect(await failure(bob.webhooks.deliveries.query({ subscriptionId: mine.id }))).toEqual(
      notFound,
    );
    expect(await failure(bob.webhooks.delivery.query({ deliveryId: test.id }))).toMatchObject({
      status: 404,
    });
    expect(await failure(bob.webhooks.redeliver.mutate({ deliveryId: test.id }))).toMatchObject({
      status: 404,
    });
    expect(await alice.webhooks.get.query({ id: mine.id })).toMatchObject({
      url: target.url,
      active: true,
    });
    expect(target.received).toHaveLength(1);
  });

  it('refuses bad input with the field named and stores nothing', async () => {
    const cases = [
      [
        { url: 'not a url', events: ['bot.started'] },
        'must be an absolute http:// or https:// URL',
        'url',
      ],
      [
        { url: 'ftp://example.com/x', events: ['bot.started'] },
        'must be an absolute http://',
        'url',
      ],
      [{ url: 'https://example.com/x', events: [] }, 'must name at least one event', 'events'],
      [{ url: 'https://example.com/x', events: ['bot.exploded'] }, 'bot.started', 'events[0]'],
      [
        { url: 'https://example.com/x', events: ['bot.started', 'bot.started'] },
        'must not repeat an event',
        'events',
      ],
      [
        { url: 'https://example.com/x', events: ['bot.started'], secret: 'short' },
        'must be at least 16 characters',
        'secret',
      ],
      [{ url: 'https://example.com/x', events: ['bot.started'], colour: 'red' }, 'colour', ''],
    ] as const;
    for (const [input, message, field] of cases) {
      const result = await failure(alice.webhooks.create.mutate(input as never));
      expect(result, JSON.stringify(input)).toMatchObject({
        status: 400,
        code: 'VALIDATION_ERROR',
      });
      expect(result.message).toContain(message);
      if (field) expect(result.message).toContain(`at ${field}`);
    }
    expect(await server.deps.db.prisma.webhookSubscription.count()).toBe(0);
  });

  it('sends a test event now, signed, and logs the attempt', async () => {
    const target = await receiver();
    const subscription = await alice.webhooks.create.mutate({
      url: target.url,
      events: ['trade.executed'],
      secret: SECRET,
    });
    const sent = await alice.webhooks.test.mutate({
      id: subscription.id,
      eventType: 'trade.executed',
    });
    expect(sent).toMatchObject({
      test: true,
      status: 'SUCCEEDED',
      attempts: 1,
      lastStatusCode: 200,
      eventType: 'trade.executed',
    });
    expect(sent.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, status: 'SUCCEEDED', responseCode: 200, error: null }),
    ]);
    const [webhook] = target.received;
    const payload = JSON.parse(webhook?.body ?? '');
    expect(ZWebhookPayload.parse(payload)).toMatchObject({
      event_type: 'trade.executed',
      bot_id: 0,
    });
    expect(seedVerify(payload, String(webhook?.headers['x-webhook-signature']), SECRET)).toBe(true);
    expect(webhook?.headers['webhook-id']).toBe(sent.id);
  });

  it("delivers each event of a bot's life in order, verifiable by seed 000's example, Standard Webhooks and the SDK", async () => {
    const target = await receiver();
    await alice.webhooks.create.mutate({
      url: target.url,
      events: ['bot.started', 'bot.finished', 'bot.error', 'trade.executed'],
      secret: SECRET,
    });
    const botId = await botLife(alice);
    const expected = await webhookEventsOf(botId);
    const got = await target.waitFor(expected.length, 30_000);
    const standard = new Webhook(Buffer.from(SECRET, 'utf8'), { format: 'raw' });
    const payloads: WebhookPayload[] = [];
    for (const webhook of got) {
      const payload = JSON.parse(webhook.body);
      // Exactly what seed 000's express handler does with express.json().
      expect(seedVerify(payload, String(webhook.headers['x-webhook-signature']), SECRET)).toBe(
        true,
      );
      expect(
        verifyWebhookSignature(webhook.body, webhook.headers['x-webhook-signature'], SECRET),
      ).toBe(true);
      const headers = {
        'webhook-id': String(webhook.headers['webhook-id']),
        'webhook-timestamp': String(webhook.headers['webhook-timestamp']),
        'webhook-signature': String(webhook.headers['webhook-signature']),
      };
      expect(standard.verify(webhook.body, headers)).toEqual(payload);
      payloads.push(verifyWebhook(webhook.body, webhook.headers, SECRET).payload);
    }
    expect(payloads.map((payload) => payload.event_type)).toEqual(expected);
    expect(payloads[0]).toMatchObject({
      event_type: 'bot.started',
      bot_id: botId,
      data: { status: 'ACTIVE', mode: 'PAPER', initial_cash: 10000 },
    });
    const trades = payloads.flatMap((payload) =>
      payload.event_type === 'trade.executed' ? [payload.data] : [],
    );
    expect(trades.length).toBeGreaterThanOrEqual(3);
    expect(trades.map((trade) => trade.trade_id)).toEqual(
      [...trades.map((trade) => trade.trade_id)].sort((a, b) => a - b),
    );
    const stored = await alice.bots.get.query({ botId });
    const finished = payloads.at(-1);
    expect(finished).toMatchObject({
      event_type: 'bot.finished',
      bot_id: botId,
      data: {
        status: 'COMPLETED',
        final_cash: stored.finalCash,
        total_trades: stored.totalTrades,
        winning_trades: stored.winningTrades,
        performance: { total_return: expect.any(Number), win_rate: expect.any(Number) },
      },
    });

    // Every attempt is readable through the API.
    const deliveries = await until(
      () => alice.webhooks.deliveries.query({ limit: 100 }),
      (list) =>
        list.length === expected.length &&
        list.every((delivery) => delivery.status === 'SUCCEEDED'),
    );
    expect(new Set(deliveries.map((delivery) => delivery.id))).toEqual(
      new Set(got.map((webhook) => webhook.headers['webhook-id'])),
    );
  });

  it('retries a receiver that fails first, with backoff, and logs every attempt', async () => {
    const target = await receiver((index) => (index < 2 ? 500 : 200));
    const subscription = await alice.webhooks.create.mutate({
      url: target.url,
      events: ['bot.started'],
      secret: SECRET,
    });
    await botLife(alice, 1);
    const got = await target.waitFor(3, 30_000);
    expect(new Set(got.map((webhook) => webhook.headers['webhook-id'])).size).toBe(1);
    // Backoff from WEBHOOK_RETRY_BASE_MS=200, doubling, at most a fifth off for jitter.
    const [first, second, third] = got.map((webhook) => webhook.receivedAt) as [
      number,
      number,
      number,
    ];
    expect(second - first).toBeGreaterThanOrEqual(160);
    expect(third - second).toBeGreaterThanOrEqual(320);
    const [delivery] = await until(
      () => alice.webhooks.deliveries.query({ subscriptionId: subscription.id }),
      (list) => list[0]?.status === 'SUCCEEDED',
    );
    const detail = await alice.webhooks.delivery.query({ deliveryId: delivery?.id ?? '' });
    expect(
      detail.attemptLog.map((attempt) => [
        attempt.attempt,
        attempt.status,
        attempt.responseCode,
        attempt.error,
      ]),
    ).toEqual([
      [1, 'FAILED', 500, 'receiver answered HTTP 500, expected 2xx'],
      [2, 'FAILED', 500, 'receiver answered HTTP 500, expected 2xx'],
      [3, 'SUCCEEDED', 200, null],
    ]);
    expect(detail.attemptLog.every((attempt) => attempt.durationMs >= 0)).toBe(true);
  });

  it('redelivers on request with the same webhook-id and body', async () => {
    const target = await receiver();
    const subscription = await alice.webhooks.create.mutate({
      url: target.url,
      events: ['bot.started'],
    });
    const first = await alice.webhooks.test.mutate({ id: subscription.id });
    const again = await alice.webhooks.redeliver.mutate({ deliveryId: first.id });
    expect(again.attemptLog.map((attempt) => attempt.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(target.received.map((webhook) => webhook.headers['webhook-id'])).toEqual([
      first.id,
      first.id,
    ]);
    expect(target.received[0]?.body).toBe(target.received[1]?.body);
  });
});

describe('SSRF: webhook URLs on a server that refuses private targets', () => {
  let strict: RunningServer;
  let carol: TradewindClient;
  beforeAll(async () => {
    strict = await startTestServer({ webhookAllowPrivateUrls: false });
    const clients = clientsFor(strict);
    carol = clients.withToken((await clients.register('carol@example.com', 'Carol')).accessToken);
  });
  afterAll(async () => {
    await strict?.close();
  });

  it.each([
    ['http://127.0.0.1/hook', '127.0.0.1 (loopback)'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 (linkLocal)'],
    ['http://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1 (ipv4Mapped)'],
    ['http://2130706433/hook', '127.0.0.1 (loopback)'],
    ['http://0177.0.0.1/hook', '127.0.0.1 (loopback)'],
    ['http://10.0.0.1/hook', '10.0.0.1 (private)'],
    ['http://localhost/hook', '(loopback)'],
    ['http://[::7f00:1]/hook', '::7f00:1 (unicast)'],
  ])('refuses %s when saved, naming the address', async (url, named) => {
    const created = await failure(carol.webhooks.create.mutate({ url, events: ['bot.started'] }));
    expect(created).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(created.message).toMatch(
      /^Webhook target .* refused: it points to .*, not a public address/,
    );
    expect(created.message).toContain(`${named}, not a public address`);
  });

  it('refuses a backslash URL that other parsers read with another host', async () => {
    const created = await failure(
      carol.webhooks.create.mutate({
        url: 'http://hooks.example.com\\@127.0.0.1/hook',
        events: ['bot.started'],
      }),
    );
    expect(created).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(created.message).toMatch(/refused: a backslash in the URL/);
  });

  it('refuses a private target again when sending, not only when saving', async () => {
    const target = await receiver();
    const me = await carol.auth.me.query();
    // A row saved before the policy tightened (or a name that now resolves inward).
    const row = await strict.deps.db.prisma.webhookSubscription.create({
      data: { userId: me.id, url: target.url, events: ['bot.started'] },
    });
    const sent = await carol.webhooks.test.mutate({ id: row.id });
    expect(sent).toMatchObject({ status: 'FAILED', attempts: 1, lastStatusCode: null });
    expect(sent.attemptLog[0]?.error).toContain(
      `Webhook target ${target.url} refused: it points to 127.0.0.1 (loopback), not a public address`,
    );
    expect(target.received).toHaveLength(0);
  });

  it('refuses a private URL on edit too and keeps the old one', async () => {
    const saved = await carol.webhooks.create.mutate({
      url: 'http://93.184.216.34/hook',
      events: ['bot.started'],
      active: false,
    });
    const edited = await failure(
      carol.webhooks.update.mutate({ id: saved.id, url: 'http://192.168.1.10/hook' }),
    );
    expect(edited.message).toContain('192.168.1.10 (private)');
    expect(await carol.webhooks.get.query({ id: saved.id })).toMatchObject({
      url: 'http://93.184.216.34/hook',
    });
  });
});
