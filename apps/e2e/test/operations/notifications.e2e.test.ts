/**
 * Notifications (issue 18 item 5) through the SDK and the `tradewind` binary: an operator alert
 * reaches each of its owner's channels once (Telegram through grammY against a fake Telegram Bot
 * API server speaking the real HTTP protocol; email through the server's mailer), retried while
 * Telegram fails, never to another user's chat, and held back by the per-channel rate limit.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { type FakeTelegram, startFakeTelegram } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';
import { type OperatorCli, operatorCli, printedJson, TRIPPING_BOT } from './operator-cli.ts';

const ALICE_BOT = '111111:alice-bot-token-0123456789abcdef';
const BOB_BOT = '222222:bob-bot-token-0123456789abcdefgh';

let server: RunningServer;
let telegram: FakeTelegram;
let alice: TradewindClient;
let bob: TradewindClient;
let cli: OperatorCli;

/** Starts a bot that trips its guard, waits for its one alert, stops it. */
async function trippingBot(client: TradewindClient) {
  const bot = await client.bots.create.mutate(TRIPPING_BOT);
  await until(
    () => client.alerts.system.query({ botId: bot.id }),
    (list) => list.activeAlerts === 1,
    60_000,
  );
  await client.bots.stop.mutate({ botId: bot.id });
  return bot;
}

/** The mail the server's file mailer stored. */
async function storedMail(): Promise<{ to: string; subject: string; text: string }[]> {
  const directory = (server.deps.mailer as unknown as { directory: string }).directory;
  const names = await readdir(directory).catch(() => []);
  return Promise.all(
    names.map(async (name) => JSON.parse(await readFile(path.join(directory, name), 'utf8'))),
  );
}

beforeAll(async () => {
  telegram = await startFakeTelegram({ [ALICE_BOT]: ['5001'], [BOB_BOT]: ['5002'] });
  server = await startTestServer({
    simulatorBarMs: 5,
    operationsCheckMs: 100,
    webhookRetryBaseMs: 100,
    telegramApiRoot: telegram.apiRoot,
    notificationsPerMinute: 1,
  });
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('notify-alice@example.com')).accessToken);
  bob = clients.withToken((await clients.register('notify-bob@example.com')).accessToken);
  const key = (await alice.apiKeys.create.mutate({ name: 'ops', scopes: ['READ_ONLY', 'CONTROL'] }))
    .key;
  cli = await operatorCli(server.url, key);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await cli?.close();
  await telegram?.close();
});

describe('notification channels', () => {
  it('an alert reaches each channel once, retried while Telegram fails, never another chat', async () => {
    const added = printedJson(
      await cli.run([
        'notifications',
        'add-telegram',
        '--token',
        ALICE_BOT,
        '--chat-id',
        '5001',
        '--min-severity',
        'high',
        '--json',
      ]),
    );
    expect(added).toEqual({
      id: expect.any(Number),
      kind: 'telegram',
      target: '5001',
      minSeverity: 'high',
      sent: 0,
      failed: 0,
      createdAt: expect.any(String),
    });
    const email = await alice.notifications.add.mutate({
      kind: 'email',
      email: 'alice-ops@example.com',
    });
    await bob.notifications.add.mutate({
      kind: 'telegram',
      botToken: BOB_BOT,
      chatId: '5002',
      minSeverity: 'low',
    });
    const stored = await server.deps.db.prisma.notificationChannel.findFirstOrThrow({
      where: { id: added.id },
    });
    expect(stored.secretEncrypted).not.toContain('alice-bot-token');

    telegram.failNext(2);
    const bot = await trippingBot(alice);
    const [message] = await telegram.waitFor(1, 60_000);
    expect(message).toMatchObject({ token: ALICE_BOT, chatId: '5001' });
    expect(message?.text).toMatch(
      new RegExp(`^\\[high\\] Drawdown guard tripped\\nBot ${bot.id}: `),
    );
    expect(telegram.refused).toEqual([
      { method: 'sendMessage', status: 500 },
      { method: 'sendMessage', status: 500 },
    ]);
    const mail = await until(storedMail, (all) => all.length === 1, 30_000);
    expect(mail[0]).toMatchObject({
      to: 'alice-ops@example.com',
      subject: 'Tradewind: [high] Drawdown guard tripped',
      text: expect.stringContaining(`Bot ${bot.id}: `),
    });
    // Several more passes of the outbox change nothing: once per channel, none for Bob.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(telegram.messages).toHaveLength(1);
    expect(telegram.messages.filter((one) => one.chatId === '5002')).toEqual([]);
    expect(await storedMail()).toHaveLength(1);

    const listed = printedJson(await cli.run(['notifications', 'list', '--json']));
    expect(listed).toEqual([
      expect.objectContaining({ id: added.id, sent: 1, failed: 0 }),
      expect.objectContaining({ id: email.id, kind: 'email', sent: 1 }),
    ]);
    expect(JSON.stringify(listed)).not.toContain('alice-bot-token');
    const attempts = await server.deps.db.prisma.notificationDelivery.findFirstOrThrow({
      where: { channelId: added.id },
    });
    expect(attempts).toMatchObject({ status: 'SENT', attempts: 3 });
  });

  it('a second alert within the minute waits for the rate limit', async () => {
    await trippingBot(alice);
    const waiting = await until(
      () =>
        server.deps.db.prisma.notificationDelivery.findMany({
          where: { status: 'PENDING', channel: { kind: 'telegram' } },
        }),
      (rows) => (rows[0]?.nextAttemptAt.getTime() ?? 0) > Date.now() + 30_000,
      30_000,
    );
    expect(waiting).toHaveLength(1);
    // Several passes later it still waits, unattempted: the limit held it, not a claim in flight.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const later = await server.deps.db.prisma.notificationDelivery.findUniqueOrThrow({
      where: { id: waiting[0]?.id ?? 0 },
    });
    expect(later).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(telegram.messages).toHaveLength(1);
  });

  it('bad input names the field; another user cannot remove a channel', async () => {
    expect(
      await failure(
        alice.notifications.add.mutate({ kind: 'telegram', botToken: 'nope', chatId: '1' }),
      ),
    ).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('botToken') });
    const refused = await cli.run(['notifications', 'add-email', '--email', 'not-an-email']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('email');
    const [channel] = await alice.notifications.list.query();
    expect(
      await failure(bob.notifications.remove.mutate({ channelId: channel?.id ?? 0 })),
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: `Notification channel ${channel?.id} not found`,
    });
    expect(
      printedJson(await cli.run(['notifications', 'remove', String(channel?.id), '--json'])),
    ).toEqual({
      success: true,
      channelId: channel?.id,
    });
  });
});
