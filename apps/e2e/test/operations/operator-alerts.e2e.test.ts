/**
 * Operator alerts with a lifecycle (seed 004 `GET /alerts?active_only`, issue 18 item 4) through
 * the SDK and the `tradewind` binary: a bot tripping its drawdown guard and a failing webhook
 * receiver raise alerts by themselves, and their rules resolve them (the bot resumed, the
 * receiver answering again); acknowledging and resolving by hand; filters, counts and errors.
 */
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { startWebhookReceiver, type WebhookReceiver } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';
import { type OperatorCli, operatorCli, printedJson, TRIPPING_BOT } from './operator-cli.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
let cli: OperatorCli;
let receiver: WebhookReceiver;
let receiverFails = true;

beforeAll(async () => {
  server = await startTestServer({
    simulatorBarMs: 5,
    webhookAllowPrivateUrls: true,
    webhookRetryBaseMs: 100,
    webhookMaxAttempts: 20,
    operationsCheckMs: 100,
  });
  const clients = clientsFor(server);
  const aliceToken = (await clients.register('alerts-alice@example.com', 'Alice')).accessToken;
  alice = clients.withToken(aliceToken);
  bob = clients.withToken((await clients.register('alerts-bob@example.com', 'Bob')).accessToken);
  const key = (await alice.apiKeys.create.mutate({ name: 'ops', scopes: ['READ_ONLY', 'CONTROL'] }))
    .key;
  cli = await operatorCli(server.url, key);
  receiver = await startWebhookReceiver(() => (receiverFails ? 500 : 200));
}, 120_000);

afterAll(async () => {
  await server?.close();
  await cli?.close();
  await receiver?.close();
});

const activeAlert = (kind: string) =>
  until(
    () => alice.alerts.system.query({ kind: kind as 'max_drawdown' }),
    (list) => list.alerts.length > 0,
    60_000,
  ).then((list) => list.alerts[0]);

describe('alerts raise and resolve by themselves', () => {
  it('a drawdown guard trip raises max_drawdown; resuming the bot resolves it', async () => {
    const bot = await alice.bots.create.mutate(TRIPPING_BOT);
    const alert = await activeAlert('max_drawdown');
    expect(alert).toEqual({
      id: expect.any(Number),
      type: 'warning',
      kind: 'max_drawdown',
      title: 'Drawdown guard tripped',
      message: expect.stringMatching(new RegExp(`^Bot ${bot.id}: .*bot paused$`)),
      severity: 'high',
      active: true,
      botId: bot.id,
      values: expect.objectContaining({ limitPercent: 0.01 }),
      createdAt: expect.any(Date),
      acknowledgedAt: null,
      resolvedAt: null,
      resolvedBy: null,
    });
    const list = await alice.alerts.system.query();
    expect(list).toMatchObject({ totalAlerts: 1, activeAlerts: 1 });
    expect((await alice.bots.get.query({ botId: bot.id })).status).toBe('PAUSED');

    await alice.bots.resume.mutate({ botId: bot.id });
    const resolved = await until(
      () => alice.alerts.system.query({ activeOnly: false, kind: 'max_drawdown' }),
      (all) => all.alerts.some((one) => one.id === alert?.id && !one.active),
      60_000,
    );
    expect(resolved.alerts.find((one) => one.id === alert?.id)).toMatchObject({
      active: false,
      resolvedAt: expect.any(Date),
      resolvedBy: 'rule',
    });
    // Stopping the bot ends any guard alert its resumed run raised again.
    await alice.bots.stop.mutate({ botId: bot.id });
    await until(
      () => alice.alerts.system.query({ kind: 'max_drawdown' }),
      (active) => active.activeAlerts === 0,
      60_000,
    );
    // Another user sees none of it.
    expect(await bob.alerts.system.query({ activeOnly: false })).toEqual({
      alerts: [],
      totalAlerts: 0,
      activeAlerts: 0,
    });
  });

  it('a failing webhook receiver raises webhook_failing; its next success resolves it', async () => {
    const subscription = await alice.webhooks.create.mutate({
      url: receiver.url,
      events: ['bot.started'],
    });
    const bot = await alice.bots.create.mutate({
      initialCash: 1000,
      symbols: ['MSFT'],
      strategy: 'MovingAverage',
    });
    await alice.bots.stop.mutate({ botId: bot.id });
    const alert = await until(
      () => alice.alerts.system.query({ kind: 'webhook_failing' }),
      (list) => list.alerts.length === 1,
      60_000,
    ).then((list) => list.alerts[0]);
    expect(alert).toMatchObject({
      type: 'warning',
      title: 'Webhook deliveries failing',
      severity: 'medium',
      active: true,
      botId: null,
      values: { subscriptionId: subscription.id, url: receiver.url, responseCode: 500 },
    });
    expect(alert?.message).toContain('HTTP 500');
    // The check runs again and again: still one alert for the one condition.
    await receiver.waitFor(3, 60_000);
    expect((await alice.alerts.system.query({ kind: 'webhook_failing' })).activeAlerts).toBe(1);

    receiverFails = false;
    const after = await until(
      () => alice.alerts.system.query({ kind: 'webhook_failing', activeOnly: false }),
      (list) => list.activeAlerts === 0,
      60_000,
    );
    expect(after.alerts[0]).toMatchObject({ id: alert?.id, active: false, resolvedBy: 'rule' });
    await alice.webhooks.delete.mutate({ id: subscription.id });
  });
});

describe('alerts by hand, through the CLI', () => {
  it('acknowledges, then resolves; lists with filters; bad ids and repeats are named', async () => {
    const bot = await alice.bots.create.mutate({ ...TRIPPING_BOT, symbols: ['GOOGL'] });
    const alert = await until(
      () => alice.alerts.system.query({ botId: bot.id }),
      (list) => list.alerts.length > 0,
      60_000,
    ).then((list) => list.alerts[0]);
    const id = String(alert?.id);

    const listed = printedJson(
      await cli.run(['alerts', 'system', '--bot', String(bot.id), '--json']),
    );
    expect(listed).toMatchObject({ totalAlerts: 1, activeAlerts: 1 });
    expect(listed.alerts[0]).toMatchObject({ id: alert?.id, severity: 'high', active: true });
    expect(
      printedJson(await cli.run(['alerts', 'system', '--severity', 'low', '--json'])).alerts,
    ).toEqual([]);

    const acknowledged = printedJson(await cli.run(['alerts', 'ack', id, '--json']));
    expect(acknowledged).toMatchObject({
      id: alert?.id,
      active: true,
      acknowledgedAt: expect.any(String),
    });
    const again = await cli.run(['alerts', 'ack', id, '--json']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`Alert ${id} is already acknowledged`);

    const resolved = printedJson(await cli.run(['alerts', 'resolve', id, '--json']));
    expect(resolved).toMatchObject({ active: false, resolvedBy: 'user' });
    expect(await failure(alice.alerts.resolve.mutate({ alertId: Number(id) }))).toMatchObject({
      code: 'CONFLICT',
      message: `Alert ${id} is already resolved`,
    });
    expect(await failure(bob.alerts.acknowledge.mutate({ alertId: Number(id) }))).toMatchObject({
      code: 'NOT_FOUND',
      message: `Alert ${id} not found`,
    });
    expect(await failure(alice.alerts.resolve.mutate({ alertId: 0 }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('alertId'),
    });
    const bad = await cli.run(['alerts', 'resolve', 'abc']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('must be an alert id');
    await alice.bots.stop.mutate({ botId: bot.id });
  });
});
