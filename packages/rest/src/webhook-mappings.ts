/** The webhook contracts (camelCase) as the enterprise REST API shows them (snake_case). */
import {
  type EnterpriseWebhook,
  type EnterpriseWebhookAttempt,
  type EnterpriseWebhookDelivery,
  type EnterpriseWebhookDeliveryDetail,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookSubscription,
  ZEnterpriseWebhook,
  ZEnterpriseWebhookDelivery,
  ZEnterpriseWebhookDeliveryDetail,
} from '@tradewind/core';

export function toEnterpriseWebhook(subscription: WebhookSubscription): EnterpriseWebhook {
  return ZEnterpriseWebhook.parse({
    id: subscription.id,
    url: subscription.url,
    events: subscription.events,
    active: subscription.active,
    has_secret: subscription.hasSecret,
    created_at: subscription.createdAt,
    updated_at: subscription.updatedAt,
  });
}

function deliveryFields(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    webhook_id: delivery.subscriptionId,
    event_type: delivery.eventType,
    test: delivery.test,
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: delivery.nextAttemptAt,
    last_status_code: delivery.lastStatusCode,
    last_error: delivery.lastError,
    delivered_at: delivery.deliveredAt,
    created_at: delivery.createdAt,
  };
}

export function toEnterpriseWebhookDelivery(delivery: WebhookDelivery): EnterpriseWebhookDelivery {
  return ZEnterpriseWebhookDelivery.parse(deliveryFields(delivery));
}

function toEnterpriseWebhookAttempt(attempt: WebhookAttempt): EnterpriseWebhookAttempt {
  return {
    attempt: attempt.attempt,
    status: attempt.status,
    response_code: attempt.responseCode,
    duration_ms: attempt.durationMs,
    error: attempt.error,
    created_at: attempt.createdAt,
  };
}

export function toEnterpriseWebhookDeliveryDetail(
  delivery: WebhookDeliveryDetail,
): EnterpriseWebhookDeliveryDetail {
  return ZEnterpriseWebhookDeliveryDetail.parse({
    ...deliveryFields(delivery),
    attempt_log: delivery.attemptLog.map(toEnterpriseWebhookAttempt),
  });
}
