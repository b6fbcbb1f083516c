import { createHmac } from 'node:crypto';
import { startWebhookReceiver, type WebhookReceiver } from '@tradewind/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolveHost } from './url-guard.ts';
import { WebhookSender } from './webhook-sender.ts';

const receivers: WebhookReceiver[] = [];
const senders: WebhookSender[] = [];
afterEach(async () => {
  await Promise.all(senders.splice(0).map((sender) => sender.close()));
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(...args: Parameters<typeof startWebhookReceiver>) {
  const started = await startWebhookReceiver(...args);
  receivers.push(started);
  return started;
}

function sender(
  allowPrivate: boolean,
  options: { timeoutMs?: number; resolve?: ResolveHost } = {},
) {
  const created = new WebhookSender({
    policy: { requireHttps: false, allowPrivate },
    timeoutMs: options.timeoutMs ?? 2_000,
    ...(options.resolve && { resolve: options.resolve }),
    now: () => new Date('2026-01-15T10:00:00Z'),
  });
  senders.push(created);
  return created;
}

const delivery = {
  id: '0b9c9f7e-5d4a-4d8e-9a51-3b0c2f4d6e11',
  body: JSON.stringify({
    event_type: 'bot.started',
    timestamp: '2026-01-15T10:00:00.000Z',
    bot_id: 7,
    data: { initial_cash: 10000 },
  }),
};

describe('WebhookSender', () => {
  it('posts the body with seed 000 and Standard Webhooks signatures receivers can check', async () => {
    const target = await receiver();
    const result = await sender(true).send(target.url, delivery, {
      current: 'new-secret-0123456789',
      previous: 'old-secret-0123456789',
    });
    expect(result).toMatchObject({ ok: true, statusCode: 200, error: null });
    const [got] = target.received;
    expect(got?.body).toBe(delivery.body);
    // Seed 000's Node.js example: HMAC of JSON.stringify(parsed payload) under the secret.
    const seedDigest = createHmac('sha256', 'new-secret-0123456789')
      .update(JSON.stringify(JSON.parse(got?.body ?? '')))
      .digest('hex');
    expect(got?.headers['x-webhook-signature']).toBe(`sha256=${seedDigest}`);
    expect(got?.headers['webhook-id']).toBe(delivery.id);
    expect(got?.headers['webhook-timestamp']).toBe('1768471200');
    const signed = `${delivery.id}.1768471200.${delivery.body}`;
    const v1 = (key: string) => `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
    expect(got?.headers['webhook-signature']).toBe(
      `${v1('new-secret-0123456789')} ${v1('old-secret-0123456789')}`,
    );
    expect(got?.headers['content-type']).toBe('application/json');
  });

  it('sends no signature headers without a secret', async () => {
    const target = await receiver();
    await sender(true).send(target.url, delivery, null);
    expect(target.received[0]?.headers['x-webhook-signature']).toBeUndefined();
    expect(target.received[0]?.headers['webhook-signature']).toBeUndefined();
    expect(target.received[0]?.headers['webhook-id']).toBe(delivery.id);
  });

  it('reports a non-2xx answer as a failure with its status', async () => {
    const target = await receiver(() => 503);
    const result = await sender(true).send(target.url, delivery, null);
    expect(result).toMatchObject({
      ok: false,
      statusCode: 503,
      error: 'receiver answered HTTP 503, expected 2xx',
    });
  });

  it('does not follow a redirect, so a public URL cannot bounce the request inward', async () => {
    const inner = await receiver();
    const outer = await receiver(() => ({ status: 302, headers: { location: inner.url } }));
    const result = await sender(true).send(outer.url, delivery, null);
    expect(result).toMatchObject({
      ok: false,
      statusCode: 302,
      error: `redirect to ${inner.url} not followed (HTTP 302)`,
    });
    expect(outer.received).toHaveLength(1);
    expect(inner.received).toHaveLength(0);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const target = await receiver(() => 'hang');
    const result = await sender(true, { timeoutMs: 300 }).send(target.url, delivery, null);
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'no answer within 300 ms' });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('refuses, when it connects, a name that resolves to a private address', async () => {
    const resolve: ResolveHost = async () => [{ address: '10.0.0.1', family: 4 }];
    const result = await sender(false, { resolve }).send(
      'http://hooks.example.test/x',
      delivery,
      null,
    );
    expect(result.ok).toBe(false);
    expect(result.statusCode).toBeNull();
    expect(result.error).toContain('hooks.example.test refused: it points to 10.0.0.1 (private)');
  });

  it('refuses a name rebound to loopback after it was saved: the receiver gets nothing', async () => {
    const target = await receiver();
    const port = new URL(target.url).port;
    const rebound: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const result = await sender(false, { resolve: rebound }).send(
      `http://rebind.example.test:${port}/hook`,
      delivery,
      null,
    );
    expect(result.error).toContain('it points to 127.0.0.1 (loopback)');
    expect(target.received).toHaveLength(0);
  });

  it.each([
    ['http://127.0.0.1:PORT/hook', '127.0.0.1 (loopback)'],
    ['http://2130706433:PORT/hook', '127.0.0.1 (loopback)'],
    ['http://[::ffff:127.0.0.1]:PORT/hook', '::ffff:7f00:1 (ipv4Mapped)'],
  ])('refuses the IP literal %s when it sends', async (template, named) => {
    const target = await receiver();
    const url = template.replace('PORT', new URL(target.url).port);
    const result = await sender(false).send(url, delivery, null);
    expect(result.error).toContain(`it points to ${named}`);
    expect(target.received).toHaveLength(0);
  });

  it('refuses a link-local metadata address when it sends', async () => {
    const result = await sender(false).send(
      'http://169.254.169.254/latest/meta-data',
      delivery,
      null,
    );
    expect(result.error).toContain('it points to 169.254.169.254 (linkLocal)');
  });
});
