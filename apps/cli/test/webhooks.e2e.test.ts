import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { startWebhookReceiver, type WebhookReceiver } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliHome,
  oneLineFailure,
  registerUser,
  removeCliHomes,
  usageFailure,
} from './support/cli-fixtures.ts';
import type { Run } from './support/run-tradewind.ts';

let server: RunningServer;
let ok: WebhookReceiver;
let failing: WebhookReceiver;
beforeAll(async () => {
  server = await startTestServer({ webhookAllowPrivateUrls: true });
  ok = await startWebhookReceiver();
  failing = await startWebhookReceiver(() => 503);
});
afterAll(async () => {
  await server?.close();
  await ok?.close();
  await failing?.close();
  await removeCliHomes();
});

function json(run: Run) {
  if (run.code !== 0 || run.stderr !== '')
    throw new Error(`expected success, got ${JSON.stringify(run)}`);
  return JSON.parse(run.stdout);
}

describe('tradewind webhooks', () => {
  it('add -> list -> test -> deliveries -> redeliver -> edit -> disable/enable -> remove', {
    timeout: 90_000,
  }, async () => {
    const cli = await cliHome();
    expect((await cli.login(server, await registerUser(server, 'hooks'))).code).toBe(0);

    const added = json(
      await cli.run([
        'webhooks',
        'add',
        ok.url,
        '--event',
        'bot.started',
        'trade.executed',
        '--generate-secret',
        '--json',
      ]),
    );
    expect(added).toMatchObject({
      url: ok.url,
      events: ['bot.started', 'trade.executed'],
      active: true,
      hasSecret: true,
    });
    expect(added.secret).toMatch(/^whsec_[\w-]{32}$/);
    const id = String(added.id);

    const [table, listed] = await Promise.all([
      cli.run(['webhooks', 'list']),
      cli.run(['webhooks', 'list', '--json']),
    ]);
    expect(table.stdout).toMatch(
      new RegExp(
        `│ ${id}\\s*│ ${ok.url.replace(/[./]/g, '\\$&')}\\s*│ bot.started\\s*│ yes\\s*│ active`,
      ),
    );
    expect(table.stdout).not.toContain(added.secret);
    expect(json(listed)).toEqual([expect.objectContaining({ id: added.id })]);

    const tested = await cli.run(['webhooks', 'test', id, '--event', 'trade.executed']);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/Status\s*│ SUCCEEDED/);
    expect(tested.stdout).toMatch(/│ 1\s*│ SUCCEEDED\s*│ HTTP 200/);
    expect(ok.received).toHaveLength(1);
    expect(JSON.parse(ok.received[0]?.body ?? '')).toMatchObject({
      event_type: 'trade.executed',
      bot_id: 0,
    });

    const deliveries = json(await cli.run(['webhooks', 'deliveries', '--webhook', id, '--json']));
    expect(deliveries).toEqual([
      expect.objectContaining({ subscriptionId: added.id, status: 'SUCCEEDED', test: true }),
    ]);
    const deliveryId = deliveries[0].id as string;
    const redelivered = json(await cli.run(['webhooks', 'redeliver', deliveryId, '--json']));
    expect(redelivered.attemptLog).toHaveLength(2);
    expect(ok.received.map((webhook) => webhook.headers['webhook-id'])).toEqual([
      deliveryId,
      deliveryId,
    ]);
    const shown = await cli.run(['webhooks', 'deliveries', deliveryId]);
    expect(shown.stdout).toMatch(/│ 2\s*│ SUCCEEDED\s*│ HTTP 200/);

    const edited = json(
      await cli.run([
        'webhooks',
        'edit',
        id,
        '--endpoint',
        failing.url,
        '--event',
        'bot.finished',
        '--json',
      ]),
    );
    expect(edited).toMatchObject({ url: failing.url, events: ['bot.finished'], hasSecret: true });
    // A failing receiver: the test reports it and exits 1.
    const refused = await cli.run(['webhooks', 'test', id]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /│ FAILED\s*│ HTTP 503\s*│ \d+ ms\s*│ receiver answered HTTP 503, expected 2xx/,
    );
    expect(json(await cli.run(['webhooks', 'edit', id, '--no-secret', '--json']))).toMatchObject({
      hasSecret: false,
    });

    expect((await cli.run(['webhooks', 'disable', id])).stdout).toBe(`Webhook ${id} disabled\n`);
    expect(json(await cli.run(['webhooks', 'list', '--json']))[0].active).toBe(false);
    expect((await cli.run(['webhooks', 'enable', id])).stdout).toBe(`Webhook ${id} enabled\n`);
    expect((await cli.run(['webhooks', 'remove', id])).stdout).toBe(
      `Removed webhook ${id} (${failing.url})\n`,
    );
    expect((await cli.run(['webhooks', 'list'])).stdout).toContain('No webhooks.');
  });

  it('refuses bad input with one line', async () => {
    const cli = await cliHome();
    expect((await cli.login(server, await registerUser(server, 'careless'))).code).toBe(0);
    expect(
      usageFailure(await cli.run(['webhooks', 'add', ok.url, '--event', 'bot.exploded'])),
    ).toContain(
      '"bot.exploded" is not an event; choose from bot.started, bot.finished, bot.error, trade.executed.',
    );
    expect(usageFailure(await cli.run(['webhooks', 'add', ok.url]))).toContain(
      "required option '--event <type...>' not specified",
    );
    expect(usageFailure(await cli.run(['webhooks', 'edit', 'x', '--endpoint', ok.url]))).toContain(
      'must be a webhook id',
    );
    expect(oneLineFailure(await cli.run(['webhooks', 'edit', '5']))).toContain('nothing to change');
    expect(
      oneLineFailure(await cli.run(['webhooks', 'add', 'ftp://x', '--event', 'bot.started'])),
    ).toMatch(/must be an absolute http:\/\/ or https:\/\/ URL/);
    expect(oneLineFailure(await cli.run(['webhooks', 'remove', '999']))).toMatch(
      /^Webhook 999 not found/,
    );
  });
});
