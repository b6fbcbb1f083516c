import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { until } from '../support/until.ts';

// The SDK's runnable example, run as its instructions say (tsx from the server package).
const example = fileURLToPath(
  new URL('../examples/webhook-receiver.ts', import.meta.resolve('@tradewind/sdk')),
);
const serverDir = fileURLToPath(new URL('..', import.meta.resolve('@tradewind/server')));
const SECRET = 'example-secret-0123456789';

let server: RunningServer;
let alice: TradewindClient;
let receiver: ChildProcess;
let output = '';
let url: string;

beforeAll(async () => {
  server = await startTestServer({ webhookAllowPrivateUrls: true });
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('example@example.com', 'Ex')).accessToken);
  const port = await freePort();
  url = `http://127.0.0.1:${port}/webhook`;
  receiver = spawn(process.execPath, ['--import', 'tsx', example], {
    cwd: serverDir,
    env: { ...process.env, WEBHOOK_SECRET: SECRET, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  receiver.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  receiver.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  await until(
    async () => output,
    (text) => text.includes('listening on'),
    30_000,
  );
});
afterAll(async () => {
  receiver?.kill();
  await server?.close();
});

describe('the SDK webhook receiver example', () => {
  it('accepts signed deliveries once each, and refuses forged or stale ones', async () => {
    const subscription = await alice.webhooks.create.mutate({
      url,
      events: ['bot.started', 'trade.executed'],
      secret: SECRET,
    });
    const started = await alice.webhooks.test.mutate({
      id: subscription.id,
      eventType: 'bot.started',
    });
    const trade = await alice.webhooks.test.mutate({
      id: subscription.id,
      eventType: 'trade.executed',
    });
    expect([started.status, trade.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    // A redelivery is acknowledged but not handled twice.
    expect((await alice.webhooks.redeliver.mutate({ deliveryId: trade.id })).status).toBe(
      'SUCCEEDED',
    );
    await until(
      async () => output,
      (text) => text.includes('trade: BUY 10 AAPL @ 150.25'),
    );
    expect(output.match(/bot 0 started with 10000/g)).toHaveLength(1);
    expect(output.match(/trade: BUY 10 AAPL/g)).toHaveLength(1);

    const body =
      '{"event_type":"bot.started","timestamp":"2026-01-15T10:00:00Z","bot_id":1,"data":{}}';
    const forged = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'x-webhook-signature': 'sha256=00' },
    });
    expect(forged.status).toBe(401);
    await expect(forged.text()).resolves.toBe('Invalid signature');

    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const stale = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'x-webhook-signature': signature,
        'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3_600),
      },
    });
    expect(stale.status).toBe(401);
    await expect(stale.text()).resolves.toBe('Stale delivery');

    // With the secret rotated away, the old secret's deliveries no longer pass either.
    await alice.webhooks.update.mutate({
      id: subscription.id,
      secret: 'another-secret-0123456789',
    });
    const rotated = await alice.webhooks.test.mutate({ id: subscription.id });
    expect(rotated).toMatchObject({ status: 'FAILED', lastStatusCode: 401 });
  });
});
