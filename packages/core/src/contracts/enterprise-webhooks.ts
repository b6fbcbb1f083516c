/**
 * The webhook routes of the enterprise REST API (`/api/enterprise/webhooks`), in seed 000's
 * style: snake_case responses in the success envelope, camelCase request bodies. The
 * delivery log rows are seed 000's `webhook_events` audit table.
 */
import { z } from 'zod';
import { enterpriseSuccess, ZEnterpriseListQuery } from './enterprise.ts';
import { zIdPathParam } from './id.ts';
import {
  ZWebhookCreateInput,
  ZWebhookDeliveryStatus,
  ZWebhookEventType,
  ZWebhookUpdateInput,
} from './webhooks.ts';

/** A subscription as its owner sees it; the secret never comes back. */
export const ZEnterpriseWebhook = z.object({
  id: z.number().int(),
  url: z.string(),
  events: z.array(ZWebhookEventType),
  active: z.boolean(),
  /** Deliveries are signed (`X-Webhook-Signature`, `webhook-signature`). */
  has_secret: z.boolean(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type EnterpriseWebhook = z.infer<typeof ZEnterpriseWebhook>;

/** One event for one subscription, across its attempts; `id` is the `webhook-id` header. */
export const ZEnterpriseWebhookDelivery = z.object({
  id: z.uuid(),
  webhook_id: z.number().int(),
  event_type: ZWebhookEventType,
  test: z.boolean(),
  status: ZWebhookDeliveryStatus,
  attempts: z.number().int(),
  next_attempt_at: z.iso.datetime().nullable(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  delivered_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
});
export type EnterpriseWebhookDelivery = z.infer<typeof ZEnterpriseWebhookDelivery>;

/** One attempt (a `webhook_events` row): status, response code, duration, error. */
export const ZEnterpriseWebhookAttempt = z.object({
  attempt: z.number().int(),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  response_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
  created_at: z.iso.datetime(),
});
export type EnterpriseWebhookAttempt = z.infer<typeof ZEnterpriseWebhookAttempt>;

export const ZEnterpriseWebhookDeliveryDetail = ZEnterpriseWebhookDelivery.extend({
  attempt_log: z.array(ZEnterpriseWebhookAttempt),
});
export type EnterpriseWebhookDeliveryDetail = z.infer<typeof ZEnterpriseWebhookDeliveryDetail>;

/** `POST /webhooks`: `{"url", "events": [...], "secret"?, "active"?}`. */
export const ZEnterpriseWebhookCreateInput = ZWebhookCreateInput;
export type EnterpriseWebhookCreateInput = z.input<typeof ZEnterpriseWebhookCreateInput>;

/** `PATCH /webhooks/:webhookId`: only the fields given change; `secret: null` stops signing. */
export const ZEnterpriseWebhookUpdateInput = ZWebhookUpdateInput.omit({ id: true }).strict();
export type EnterpriseWebhookUpdateInput = z.input<typeof ZEnterpriseWebhookUpdateInput>;

/** `POST /webhooks/:webhookId/test`: which event to send (default `bot.started`). */
export const ZEnterpriseWebhookTestInput = z
  .object({ eventType: ZWebhookEventType.default('bot.started') })
  .strict();
export type EnterpriseWebhookTestInput = z.input<typeof ZEnterpriseWebhookTestInput>;

export const ZEnterpriseWebhookPath = z.object({
  webhookId: zIdPathParam('a webhook id'),
});

export const ZEnterpriseDeliveryPath = z.object({
  deliveryId: z.uuid('must be a delivery id (a UUID)'),
});

export const ZEnterpriseDeliveryQuery = ZEnterpriseListQuery.extend({
  status: ZWebhookDeliveryStatus.optional(),
});
export type EnterpriseDeliveryQuery = z.input<typeof ZEnterpriseDeliveryQuery>;

export const ZEnterpriseWebhookResponse = enterpriseSuccess(ZEnterpriseWebhook);
export const ZEnterpriseWebhookListResponse = enterpriseSuccess(z.array(ZEnterpriseWebhook));
export const ZEnterpriseWebhookDeliveryListResponse = enterpriseSuccess(
  z.array(ZEnterpriseWebhookDelivery),
);
export const ZEnterpriseWebhookDeliveryResponse = enterpriseSuccess(
  ZEnterpriseWebhookDeliveryDetail,
);
