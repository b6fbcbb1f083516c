import { createHmac, randomBytes } from 'node:crypto';
import { type AuthenticatedPrincipal, ZWebhookPayload } from '@tradewind/core';
import { startWebhookReceiver, type TestDatabase, type WebhookReceiver } from '@tradewind/testing';
import { SimulatedMarket } from '@tradewind/venues';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../../security/secret-box.ts';
import { forceEnter, stopBot } from '../../services/bots/bot-commands.ts';
import type { BotDeps } from '../../services/bots/bot-deps.ts';
import { createBot } from '../../services/bots/create-bot.ts';
import { createRuntimeFixture } from '../../testing/runtime-fixture.ts';
import { BotRunner } from '../bots/bot-runner.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';
import { WebhookSender } from './webhook-sender.ts';

const START = new Date('2026-03-02T09:30:00Z');
const SECRET = 'whsec-test-0123456789abcdef';

let db: TestDatabase;
let deps: BotDeps;
let principal: AuthenticatedPrincipal;
let secretBox: SecretBox;
const cleanup: (() => Promise<void>)[] = [];

beforeEach(async () => {
  ({ db, deps, principal } = await createRuntimeFixture(new SimulatedMarket(42), START));
  secretBox = new SecretBox(randomBytes(32));
});

afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
  await db.close();
});

async function receiver(
  ...args: Parameters<typeof startWebhookReceiver>
): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(...args);
  cleanup.push(() => started.close());
  return started;
}

function dispatcher(
  owner: string,
  retry: Partial<RetryPolicy> = {},
  timeoutMs = 2_000,
): WebhookDispatcher {
  const sender = new WebhookSender({
    policy: { requireHttps: false, allowPrivate: true },
    timeoutMs,
  });
  const created = new WebhookDispatcher(
    { db, events: deps.events, secretBox, sender, now: () => new Date() },
    {
      owner,
      retry: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1_000, ...retry },
      concurrency: 4,
      leaseMs: 5_000,
      sweepMs: 50,
    },
  );
  created.start();
  cleanup.push(() => created.stop());
  return created;
}

async function subscribe(url: string, userId = principal.userId, events?: string[]) {
  return db.prisma.webhookSubscription.create({
    data: {
      userId,
      url,
      events: events ?? ['bot.started', 'bot.finished', 'bot.error', 'trade.executed'],
      secretEncrypted: secretBox.encrypt(SECRET),
    },
  });
}

/**
 * A bot's short life: started, a forced buy filled on the next bar, stopped (closing sell).
 * `afterStart` runs once the bot has started.
 */
async function botLife(afterStart: () => Promise<unknown> = async () => {}): Promise<number> {
  const bot = await createBot(deps, principal, {
    mode: 'PAPER',
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
    params: { fast: 3, slow: 8 },
    timeframe: '1m',
    riskMode: 'balanced',
  });
  await afterStart();
  const runner = new BotRunner(deps, { owner: 'runner', barMs: 1, leaseMs: 10_000 });
  await runner.tick();
  await forceEnter(deps, principal, { botId: bot.id, symbol: 'AAPL', quantity: 2 });
  for (let i = 0; i < 3; i++) await runner.tick();
  await stopBot(deps, principal, bot.id);
  await runner.stop();
  return bot.id;
}

async function webhookOutbox(botId: number) {
  const rows = await db.prisma.outboxEvent.findMany({ where: { botId }, orderBy: { id: 'asc' } });
  return rows.filter(
    (row) => row.type !== 'alert' && !row.type.startsWith('bot.p') && row.type !== 'bot.resumed',
  );
}

describe('WebhookDispatcher', () => {
  it("delivers each event of a bot's life once, in order, signed, in seed 000's shape", async () => {
    const target = await receiver();
    await subscribe(target.url);
    dispatcher('one');
    const botId = await botLife();
    const expected = await webhookOutbox(botId);
    expect(expected.map((row) => row.type)).toEqual(
      expect.arrayContaining(['bot.started', 'trade.executed', 'bot.finished']),
    );
    const got = await target.waitFor(expected.length, 15_000);
    const payloads = got.map((webhook) => ZWebhookPayload.parse(JSON.parse(webhook.body)));
    expect(payloads.map((payload) => payload.event_type)).toEqual(expected.map((row) => row.type));
    expect(payloads.every((payload) => payload.bot_id === botId)).toBe(true);
    for (const webhook of got) {
      const digest = createHmac('sha256', SECRET)
        .update(JSON.stringify(JSON.parse(webhook.body)))
        .digest('hex');
      expect(webhook.headers['x-webhook-signature']).toBe(`sha256=${digest}`);
    }
    expect(new Set(got.map((webhook) => webhook.headers['webhook-id'])).size).toBe(got.length);
    const finished = payloads.at(-1);
    expect(finished?.event_type === 'bot.finished' && finished.data.performance).toMatchObject({
      total_return: expect.any(Number),
      win_rate: expect.any(Number),
    });
    // The receiver answers before the attempt is logged.
    await expect.poll(() => db.prisma.webhookEvent.count()).toBe(expected.length);
    const attempts = await db.prisma.webhookEvent.findMany();
    expect(
      attempts.every((attempt) => attempt.status === 'SUCCEEDED' && attempt.responseCode === 200),
    ).toBe(true);
  });

  it('retries a failing receiver with growing waits and the same webhook-id, logging each attempt', async () => {
    const target = await receiver((index) => (index < 2 ? 500 : 200));
    const subscription = await subscribe(target.url, principal.userId, ['bot.started']);
    dispatcher('one', { baseDelayMs: 300 });
    await botLife();
    const got = await target.waitFor(3, 15_000);
    expect(new Set(got.map((webhook) => webhook.headers['webhook-id'])).size).toBe(1);
    expect(new Set(got.map((webhook) => webhook.body)).size).toBe(1);
    const [first, second, third] = got.map((webhook) => webhook.receivedAt) as [
      number,
      number,
      number,
    ];
    // Jitter takes at most a fifth off: >= 240 ms, then >= 480 ms.
    expect(second - first).toBeGreaterThanOrEqual(230);
    expect(third - second).toBeGreaterThanOrEqual(470);
    await expect
      .poll(() =>
        db.prisma.webhookDelivery.findFirst({ where: { subscriptionId: subscription.id } }),
      )
      .toMatchObject({
        status: 'SUCCEEDED',
        attempts: 3,
        lastStatusCode: 200,
      });
    const log = await db.prisma.webhookEvent.findMany({ orderBy: { attempt: 'asc' } });
    expect(log.map((row) => [row.attempt, row.status, row.responseCode])).toEqual([
      [1, 'FAILED', 500],
      [2, 'FAILED', 500],
      [3, 'SUCCEEDED', 200],
    ]);
    expect(log[0]?.error).toBe('receiver answered HTTP 500, expected 2xx');
  });

  it('gives a delivery up after the attempt limit; later events then flow', async () => {
    const target = await receiver((index) => (index < 2 ? 503 : 200));
    await subscribe(target.url);
    dispatcher('one', { maxAttempts: 2, baseDelayMs: 50 });
    const botId = await botLife();
    const expected = await webhookOutbox(botId);
    const got = await target.waitFor(expected.length + 1, 15_000);
    expect(JSON.parse(got[0]?.body ?? '').event_type).toBe('bot.started');
    expect(JSON.parse(got[2]?.body ?? '').event_type).toBe(expected[1]?.type);
    const started = await db.prisma.webhookDelivery.findFirstOrThrow({
      where: { eventType: 'bot.started' },
    });
    expect(started).toMatchObject({ status: 'FAILED', attempts: 2, lastStatusCode: 503 });
  });

  it("a receiver that never answers does not hold up the bot's transactions", async () => {
    const target = await receiver(() => 'hang');
    await subscribe(target.url);
    dispatcher('one', {}, 60_000);
    const botId = await botLife(() => target.waitFor(1));
    // The bot traded and finished while its first webhook was still unanswered.
    expect(target.received).toHaveLength(1);
    expect(await db.prisma.webhookEvent.count()).toBe(0);
    const bot = await db.prisma.bot.findUniqueOrThrow({ where: { id: botId } });
    expect(bot.status).toBe('COMPLETED');
    expect(bot.totalTrades).toBeGreaterThanOrEqual(1);
  });

  it('two dispatchers on one database send every event exactly once between them', async () => {
    const target = await receiver();
    await subscribe(target.url);
    const other = await receiver();
    await subscribe(other.url);
    dispatcher('one');
    dispatcher('two');
    const botId = await botLife();
    const expected = await webhookOutbox(botId);
    await target.waitFor(expected.length, 15_000);
    await other.waitFor(expected.length, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(target.received).toHaveLength(expected.length);
    expect(other.received).toHaveLength(expected.length);
  });

  it("sends nothing to inactive subscriptions, other users' subscriptions or unsubscribed events", async () => {
    const target = await receiver();
    const stranger = await db.prisma.user.create({
      data: { email: 'other@example.com', firstName: 'O', passwordHash: 'x' },
    });
    await subscribe(target.url, stranger.id);
    const inactive = await subscribe(target.url);
    await db.prisma.webhookSubscription.update({
      where: { id: inactive.id },
      data: { active: false },
    });
    const errorsOnly = await receiver();
    await subscribe(errorsOnly.url, principal.userId, ['bot.error']);
    const control = await receiver();
    await subscribe(control.url, principal.userId, ['bot.finished']);
    dispatcher('one');
    await botLife();
    await control.waitFor(1, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(target.received).toHaveLength(0);
    expect(errorsOnly.received).toHaveLength(0);
  });
});
