/**
 * `/api/enterprise/webhooks`: outbound webhook subscriptions and their delivery log, each
 * route mapped onto one procedure of the `webhooks` tRPC router.
 */
import {
  type WebhookCreateInput,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookDeliveryListInput,
  type WebhookSubscription,
  type WebhookTestInput,
  type WebhookUpdateInput,
  ZEnterpriseDeliveryPath,
  ZEnterpriseDeliveryQuery,
  ZEnterpriseMessageResponse,
  ZEnterpriseWebhookCreateInput,
  ZEnterpriseWebhookDeliveryListResponse,
  ZEnterpriseWebhookDeliveryResponse,
  ZEnterpriseWebhookListResponse,
  ZEnterpriseWebhookPath,
  ZEnterpriseWebhookResponse,
  ZEnterpriseWebhookTestInput,
  ZEnterpriseWebhookUpdateInput,
} from '@tradewind/core';
import { defineRoute, type EnterpriseRoute, success, successMessage } from './enterprise-route.ts';
import {
  toEnterpriseWebhook,
  toEnterpriseWebhookDelivery,
  toEnterpriseWebhookDeliveryDetail,
} from './webhook-mappings.ts';

/** The `webhooks` procedures these routes call, as the server's `createCaller` exposes them. */
export type EnterpriseWebhooksCaller = {
  webhooks: {
    create(input: WebhookCreateInput): Promise<WebhookSubscription>;
    list(): Promise<WebhookSubscription[]>;
    get(input: { id: number }): Promise<WebhookSubscription>;
    update(input: WebhookUpdateInput): Promise<WebhookSubscription>;
    delete(input: { id: number }): Promise<WebhookSubscription>;
    test(input: WebhookTestInput): Promise<WebhookDeliveryDetail>;
    deliveries(input: WebhookDeliveryListInput): Promise<WebhookDelivery[]>;
    delivery(input: { deliveryId: string }): Promise<WebhookDeliveryDetail>;
    redeliver(input: { deliveryId: string }): Promise<WebhookDeliveryDetail>;
  };
};

type Caller = EnterpriseWebhooksCaller;

export const webhookRoutes: readonly EnterpriseRoute<Caller>[] = [
  defineRoute({
    method: 'GET',
    path: '/webhooks',
    operationId: 'listWebhooks',
    summary: 'List your webhook subscriptions',
    tag: 'Webhooks',
    status: 200,
    response: ZEnterpriseWebhookListResponse,
    responseName: 'WebhookListResponse',
    errors: [],
    handle: async (caller: Caller) =>
      success((await caller.webhooks.list()).map(toEnterpriseWebhook)),
  }),
  defineRoute({
    method: 'POST',
    path: '/webhooks',
    operationId: 'createWebhook',
    summary: 'Subscribe a URL to bot events (HTTPS in production; private addresses refused)',
    tag: 'Webhooks',
    body: ZEnterpriseWebhookCreateInput,
    status: 201,
    response: ZEnterpriseWebhookResponse,
    responseName: 'WebhookResponse',
    errors: [400, 409, 413, 415, 422],
    handle: async (caller: Caller, { body }) =>
      success(toEnterpriseWebhook(await caller.webhooks.create(body))),
  }),
  defineRoute({
    method: 'GET',
    path: '/webhooks/:webhookId',
    operationId: 'getWebhook',
    summary: 'One webhook subscription',
    tag: 'Webhooks',
    params: ZEnterpriseWebhookPath,
    status: 200,
    response: ZEnterpriseWebhookResponse,
    responseName: 'WebhookResponse',
    errors: [400, 404],
    handle: async (caller: Caller, { params }) =>
      success(toEnterpriseWebhook(await caller.webhooks.get({ id: params.webhookId }))),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/webhooks/:webhookId',
    operationId: 'updateWebhook',
    summary: 'Edit the URL, events or secret, or toggle active; only the fields given change',
    tag: 'Webhooks',
    params: ZEnterpriseWebhookPath,
    body: ZEnterpriseWebhookUpdateInput,
    status: 200,
    response: ZEnterpriseWebhookResponse,
    responseName: 'WebhookResponse',
    errors: [400, 404, 409, 413, 415, 422],
    handle: async (caller: Caller, { params, body }) =>
      success(toEnterpriseWebhook(await caller.webhooks.update({ ...body, id: params.webhookId }))),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/webhooks/:webhookId',
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook subscription and its delivery log',
    tag: 'Webhooks',
    params: ZEnterpriseWebhookPath,
    status: 200,
    response: ZEnterpriseMessageResponse,
    responseName: 'MessageResponse',
    errors: [400, 404, 409, 422],
    handle: async (caller: Caller, { params }) => {
      await caller.webhooks.delete({ id: params.webhookId });
      return successMessage('Webhook deleted successfully');
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/webhooks/:webhookId/test',
    operationId: 'testWebhook',
    summary: 'Send a test event to the subscription now',
    tag: 'Webhooks',
    params: ZEnterpriseWebhookPath,
    body: ZEnterpriseWebhookTestInput.optional(),
    status: 200,
    response: ZEnterpriseWebhookDeliveryResponse,
    responseName: 'WebhookDeliveryResponse',
    errors: [400, 404, 409, 413, 415, 422],
    handle: async (caller: Caller, { params, body }) =>
      success(
        toEnterpriseWebhookDeliveryDetail(
          await caller.webhooks.test({ id: params.webhookId, eventType: body?.eventType }),
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    path: '/webhooks/:webhookId/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "A subscription's deliveries, newest first",
    tag: 'Webhooks',
    params: ZEnterpriseWebhookPath,
    query: ZEnterpriseDeliveryQuery,
    status: 200,
    response: ZEnterpriseWebhookDeliveryListResponse,
    responseName: 'WebhookDeliveryListResponse',
    errors: [400, 404],
    handle: async (caller: Caller, { params, query }) => {
      // An unknown or foreign subscription is a 404, not an empty list.
      await caller.webhooks.get({ id: params.webhookId });
      const deliveries = await caller.webhooks.deliveries({
        subscriptionId: params.webhookId,
        limit: query.limit,
        ...(query.status && { status: query.status }),
      });
      return success(deliveries.map(toEnterpriseWebhookDelivery));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/webhooks/deliveries/:deliveryId',
    operationId: 'getWebhookDelivery',
    summary: 'One delivery with every attempt (status, response code, duration, error)',
    tag: 'Webhooks',
    params: ZEnterpriseDeliveryPath,
    status: 200,
    response: ZEnterpriseWebhookDeliveryResponse,
    responseName: 'WebhookDeliveryResponse',
    errors: [400, 404],
    handle: async (caller: Caller, { params }) =>
      success(
        toEnterpriseWebhookDeliveryDetail(
          await caller.webhooks.delivery({ deliveryId: params.deliveryId }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    path: '/webhooks/deliveries/:deliveryId/redeliver',
    operationId: 'redeliverWebhook',
    summary: 'Send a delivery again now',
    tag: 'Webhooks',
    params: ZEnterpriseDeliveryPath,
    status: 200,
    response: ZEnterpriseWebhookDeliveryResponse,
    responseName: 'WebhookDeliveryResponse',
    errors: [400, 404, 409, 413, 415, 422],
    handle: async (caller: Caller, { params }) =>
      success(
        toEnterpriseWebhookDeliveryDetail(
          await caller.webhooks.redeliver({ deliveryId: params.deliveryId }),
        ),
      ),
  }),
];
