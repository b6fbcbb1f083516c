/**
 * The SDK's typed REST client against a real server, and the SDK README's runnable example run
 * as its own process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  createEnterpriseRestClient,
  type EnterpriseBotCreateInput,
  isEnterpriseApiError,
} from '@tradewind/sdk';
import { startWebhookReceiver } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/until.ts';
import { type EnterpriseHarness, startEnterpriseServer } from './support/enterprise-server.ts';

const run = promisify(execFile);

let harness: EnterpriseHarness;

beforeAll(async () => {
  harness = await startEnterpriseServer();
});
afterAll(async () => {
  await harness?.close();
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );
  if (!isEnterpriseApiError(error)) throw error;
  return error;
}

const START: EnterpriseBotCreateInput = {
  mode: 'PAPER',
  initialCash: 25_000,
  symbols: ['MSFT'],
  strategy: 'MovingAverage',
};

describe('createEnterpriseRestClient', () => {
  it('drives a bot from start to performance, typed end to end', async () => {
    const { key } = await harness.account('sdk-user');
    const client = createEnterpriseRestClient({ url: harness.server.url, apiKey: key });

    expect(await client.bots.active()).toBeNull();
    const bot = await client.bots.start(START, { idempotencyKey: 'sdk-start' });
    expect(bot).toMatchObject({ status: 'ACTIVE', mode: 'PAPER', initial_cash: 25_000 });
    // The same idempotency key replays the first answer.
    expect(await client.bots.start(START, { idempotencyKey: 'sdk-start' })).toEqual(bot);

    const conflict = await failure(client.bots.start(START));
    expect(conflict.status).toBe(409);
    expect(conflict.message).toBe('User already has an active trading session');
    expect(conflict.body?.activeBotId).toBe(bot.id);
    expect(conflict.requestId).toMatch(/\S/);

    expect((await client.bots.active())?.id).toBe(bot.id);
    await until(
      () => client.bots.get(bot.id),
      (detail) => detail.trades.length > 0,
    );
    expect((await client.bots.list({ limit: 5 })).map((listed) => listed.id)).toEqual([bot.id]);

    expect(await client.bots.stop(bot.id)).toBe('Bot stopped successfully');
    const [record] = await client.performance.list();
    expect(record).toMatchObject({ session_id: bot.id, initial_capital: 25_000 });
    expect(await client.stats()).toMatchObject({ total_bots: 1, active_bots: 0 });
  }, 60_000);

  it('sends the key as a bearer token when asked, and reports failures with status and request id', async () => {
    const { key } = await harness.account('bearer-user');
    const viaBearer = createEnterpriseRestClient({
      url: harness.server.url,
      apiKey: key,
      auth: 'bearer',
    });
    expect(await viaBearer.bots.list()).toEqual([]);

    const wrong = createEnterpriseRestClient({ url: harness.server.url, apiKey: 'twk_wrong' });
    const error = await failure(wrong.stats());
    expect(error).toMatchObject({ status: 401, message: 'Invalid API key' });
    expect(error.requestId).toMatch(/\S/);

    const missing = await failure(viaBearer.bots.get(424242));
    expect(missing.status).toBe(404);
  });

  it('manages webhooks and reads their deliveries', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { key } = await harness.account('sdk-webhooks', {
        scopes: ['CONTROL', 'webhooks:manage'],
      });
      const client = createEnterpriseRestClient({ url: harness.server.url, apiKey: key });
      const webhook = await client.webhooks.create({ url: receiver.url, events: ['bot.started'] });
      expect(webhook).toMatchObject({ url: receiver.url, active: true, has_secret: false });
      expect(await client.webhooks.list()).toEqual([webhook]);
      const paused = await client.webhooks.update(webhook.id, { active: false });
      expect(paused.active).toBe(false);
      expect((await client.webhooks.get(webhook.id)).active).toBe(false);

      const delivery = await client.webhooks.test(webhook.id);
      expect(delivery).toMatchObject({ event_type: 'bot.started', status: 'SUCCEEDED' });
      expect(await client.webhooks.deliveries(webhook.id, { status: 'SUCCEEDED' })).toEqual([
        expect.objectContaining({ id: delivery.id }),
      ]);
      expect((await client.webhooks.delivery(delivery.id)).attempt_log).toHaveLength(1);
      expect((await client.webhooks.redeliver(delivery.id)).attempt_log).toHaveLength(2);
      expect(await client.webhooks.delete(webhook.id)).toBe('Webhook deleted successfully');
      expect((await failure(client.webhooks.get(webhook.id))).status).toBe(404);
    } finally {
      await receiver.close();
    }
  });

  it("runs the README's example against a real server", async () => {
    const { key } = await harness.account('example-user');
    const serverDir = fileURLToPath(new URL('..', import.meta.resolve('@tradewind/server')));
    const example = fileURLToPath(
      new URL('../examples/enterprise-rest.ts', import.meta.resolve('@tradewind/sdk')),
    );
    const { stdout } = await run(process.execPath, ['--import', 'tsx', example], {
      cwd: serverDir,
      timeout: 30_000,
      env: {
        ...process.env,
        TRADEWIND_URL: harness.server.url,
        TRADEWIND_API_KEY: key,
        WATCH_MS: '500',
      },
    });
    expect(stdout).toMatch(/^started bot \d+: ACTIVE, 10000 cash$/m);
    expect(stdout).toMatch(/^Bot stopped successfully$/m);
    expect(stdout).toMatch(/^performance: -?[\d.]+% return over \d+ trades$/m);
    expect(stdout).toMatch(/^stats: 1 bots, \d+ trades$/m);
  }, 60_000);
});
