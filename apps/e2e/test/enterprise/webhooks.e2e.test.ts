/**
 * `/api/enterprise/webhooks`: subscriptions and their delivery log over REST, in seed 000's
 * envelope and snake_case, backed by the `webhooks` tRPC procedures; a test event reaches a
 * real receiver signed as the seed promises.
 */
import { createHmac } from 'node:crypto';
import {
  ZEnterpriseError,
  ZEnterpriseMessageResponse,
  ZEnterpriseWebhookDeliveryListResponse,
  ZEnterpriseWebhookDeliveryResponse,
  ZEnterpriseWebhookListResponse,
  ZEnterpriseWebhookResponse,
} from '@tradewind/core';
import { startWebhookReceiver, type WebhookReceiver } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EnterpriseAccount,
  type EnterpriseHarness,
  rest,
  startEnterpriseServer,
} from './support/enterprise-server.ts';

let harness: EnterpriseHarness;
let receiver: WebhookReceiver;
let alice: EnterpriseAccount;
let bob: EnterpriseAccount;

const SECRET = 'a-secret-of-at-least-16-chars';
const WEBHOOK_SCOPES = ['CONTROL', 'webhooks:manage'];

beforeAll(async () => {
  harness = await startEnterpriseServer();
  receiver = await startWebhookReceiver();
  alice = await harness.account('alice', { scopes: WEBHOOK_SCOPES });
  bob = await harness.account('bob', { scopes: WEBHOOK_SCOPES });
});
afterAll(async () => {
  await receiver?.close();
  await harness?.close();
});

const call = (
  account: EnterpriseAccount | undefined,
  method: string,
  path: string,
  body?: unknown,
) => rest(harness.server, method, path, { key: account?.key, body });

describe('enterprise webhooks over REST', () => {
  it('creates, lists, edits, toggles, tests, inspects, redelivers and deletes a subscription', async () => {
    const created = await call(alice, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['bot.started', 'trade.executed'],
      secret: SECRET,
    });
    expect(created.status, created.text).toBe(201);
    const webhook = ZEnterpriseWebhookResponse.parse(created.body).data;
    expect(Object.keys(webhook).sort()).toEqual(
      ['active', 'created_at', 'events', 'has_secret', 'id', 'updated_at', 'url'].sort(),
    );
    expect(webhook).toMatchObject({ url: receiver.url, active: true, has_secret: true });
    expect(created.text).not.toContain(SECRET);

    const listed = ZEnterpriseWebhookListResponse.parse(
      (await call(alice, 'GET', '/webhooks')).body,
    );
    expect(listed.data.map((item) => item.id)).toEqual([webhook.id]);
    expect(
      ZEnterpriseWebhookListResponse.parse((await call(bob, 'GET', '/webhooks')).body).data,
    ).toEqual([]);

    const edited = await call(alice, 'PATCH', `/webhooks/${webhook.id}`, {
      events: ['bot.started', 'bot.finished'],
      active: false,
    });
    expect(edited.status, edited.text).toBe(200);
    expect(ZEnterpriseWebhookResponse.parse(edited.body).data).toMatchObject({
      events: ['bot.started', 'bot.finished'],
      active: false,
    });
    const toggled = await call(alice, 'PATCH', `/webhooks/${webhook.id}`, { active: true });
    expect(ZEnterpriseWebhookResponse.parse(toggled.body).data.active).toBe(true);

    // A test event reaches the receiver, signed over the exact bytes sent.
    const tested = await call(alice, 'POST', `/webhooks/${webhook.id}/test`, {
      eventType: 'bot.started',
    });
    expect(tested.status, tested.text).toBe(200);
    const delivery = ZEnterpriseWebhookDeliveryResponse.parse(tested.body).data;
    expect(delivery).toMatchObject({
      webhook_id: webhook.id,
      event_type: 'bot.started',
      test: true,
      status: 'SUCCEEDED',
      attempts: 1,
      last_status_code: 200,
    });
    expect(delivery.attempt_log).toEqual([
      expect.objectContaining({ attempt: 1, status: 'SUCCEEDED', response_code: 200, error: null }),
    ]);
    const [received] = await receiver.waitFor(1);
    const digest = createHmac('sha256', SECRET)
      .update(received?.body ?? '')
      .digest('hex');
    expect(received?.headers['x-webhook-signature']).toBe(`sha256=${digest}`);
    expect(JSON.parse(received?.body ?? '{}')).toMatchObject({ event_type: 'bot.started' });

    const deliveries = await call(alice, 'GET', `/webhooks/${webhook.id}/deliveries?limit=10`);
    expect(
      ZEnterpriseWebhookDeliveryListResponse.parse(deliveries.body).data.map((d) => d.id),
    ).toEqual([delivery.id]);
    const failed = await call(alice, 'GET', `/webhooks/${webhook.id}/deliveries?status=FAILED`);
    expect(ZEnterpriseWebhookDeliveryListResponse.parse(failed.body).data).toEqual([]);
    const detail = await call(alice, 'GET', `/webhooks/deliveries/${delivery.id}`);
    expect(ZEnterpriseWebhookDeliveryResponse.parse(detail.body).data.id).toBe(delivery.id);

    const redelivered = await call(alice, 'POST', `/webhooks/deliveries/${delivery.id}/redeliver`);
    expect(redelivered.status, redelivered.text).toBe(200);
    expect(
      ZEnterpriseWebhookDeliveryResponse.parse(redelivered.body).data.attempt_log,
    ).toHaveLength(2);
    await receiver.waitFor(2);

    const deleted = await call(alice, 'DELETE', `/webhooks/${webhook.id}`);
    expect(deleted.status).toBe(200);
    expect(ZEnterpriseMessageResponse.parse(deleted.body).message).toBe(
      'Webhook deleted successfully',
    );
    expect((await call(alice, 'GET', `/webhooks/${webhook.id}`)).status).toBe(404);
  });

  it("keeps other users' subscriptions and deliveries out of reach (404)", async () => {
    const created = await call(alice, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['bot.finished'],
    });
    const { id } = ZEnterpriseWebhookResponse.parse(created.body).data;
    for (const [method, path, body] of [
      ['GET', `/webhooks/${id}`],
      ['PATCH', `/webhooks/${id}`, { active: false }],
      ['POST', `/webhooks/${id}/test`],
      ['GET', `/webhooks/${id}/deliveries`],
      ['DELETE', `/webhooks/${id}`],
    ] as const) {
      const answer = await call(bob, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(ZEnterpriseError.parse(answer.body).error).toMatch(/not found/i);
    }
    expect(
      ZEnterpriseWebhookResponse.parse((await call(alice, 'GET', `/webhooks/${id}`)).body).data
        .active,
    ).toBe(true);
  });

  it('refuses bad input and missing permissions in the error envelope', async () => {
    const badUrl = await call(alice, 'POST', '/webhooks', {
      url: 'ftp://example.com',
      events: ['bot.started'],
    });
    expect(badUrl.status).toBe(400);
    expect(ZEnterpriseError.parse(badUrl.body).error).toMatch(
      /^Invalid body: url: must be an absolute http/,
    );
    const badEvent = await call(alice, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['bot.exploded'],
    });
    expect(badEvent.status).toBe(400);
    expect(ZEnterpriseError.parse(badEvent.body).error).toMatch(/events\.0/);
    const badId = await call(alice, 'GET', '/webhooks/deliveries/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(ZEnterpriseError.parse(badId.body).error).toMatch(/deliveryId: must be a delivery id/);

    // A key without webhooks:manage may not touch webhooks.
    const reader = await harness.account('reader', { scopes: ['READ_ONLY'] });
    const refused = await call(reader, 'GET', '/webhooks');
    expect(refused.status).toBe(403);
    expect(ZEnterpriseError.parse(refused.body).error).toBe(
      'Permission denied: needs webhooks:manage',
    );
  });
});
