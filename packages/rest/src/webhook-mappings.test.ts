import type { WebhookDeliveryDetail, WebhookSubscription } from '@tradewind/core';
import { describe, expect, it } from 'vitest';
import {
  toEnterpriseWebhook,
  toEnterpriseWebhookDelivery,
  toEnterpriseWebhookDeliveryDetail,
} from './webhook-mappings.ts';

const subscription: WebhookSubscription = {
  id: 4,
  url: 'https://hooks.example.com/tradewind',
  events: ['bot.started', 'trade.executed'],
  active: true,
  hasSecret: true,
  previousSecretExpiresAt: null,
  createdAt: '2024-01-15T10:00:00.000Z',
  updatedAt: '2024-01-15T11:00:00.000Z',
};

const delivery: WebhookDeliveryDetail = {
  id: '0b9c6a0e-8f55-4f5e-9a61-2f0f7d1d6c11',
  subscriptionId: 4,
  eventType: 'trade.executed',
  test: false,
  status: 'FAILED',
  attempts: 2,
  nextAttemptAt: null,
  lastStatusCode: 503,
  lastError: 'HTTP 503',
  deliveredAt: null,
  createdAt: '2024-01-15T10:05:00.000Z',
  attemptLog: [
    {
      id: 9,
      deliveryId: '0b9c6a0e-8f55-4f5e-9a61-2f0f7d1d6c11',
      attempt: 1,
      status: 'FAILED',
      responseCode: null,
      durationMs: 10_000,
      error: 'timed out after 10000 ms',
      createdAt: '2024-01-15T10:05:10.000Z',
    },
  ],
};

describe('webhook mappings', () => {
  it('maps a subscription to snake_case without the rotation internals', () => {
    expect(toEnterpriseWebhook(subscription)).toStrictEqual({
      id: 4,
      url: 'https://hooks.example.com/tradewind',
      events: ['bot.started', 'trade.executed'],
      active: true,
      has_secret: true,
      created_at: '2024-01-15T10:00:00.000Z',
      updated_at: '2024-01-15T11:00:00.000Z',
    });
  });

  it('maps a delivery, and its attempt log as webhook_events rows', () => {
    const { attemptLog: _attempts, ...summary } = delivery;
    expect(toEnterpriseWebhookDelivery(summary)).toStrictEqual({
      id: delivery.id,
      webhook_id: 4,
      event_type: 'trade.executed',
      test: false,
      status: 'FAILED',
      attempts: 2,
      next_attempt_at: null,
      last_status_code: 503,
      last_error: 'HTTP 503',
      delivered_at: null,
      created_at: '2024-01-15T10:05:00.000Z',
    });
    expect(toEnterpriseWebhookDeliveryDetail(delivery).attempt_log).toStrictEqual([
      {
        attempt: 1,
        status: 'FAILED',
        response_code: null,
        duration_ms: 10_000,
        error: 'timed out after 10000 ms',
        created_at: '2024-01-15T10:05:10.000Z',
      },
    ]);
  });
});
