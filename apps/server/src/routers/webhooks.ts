import {
  ZWebhookCreateInput,
  ZWebhookDelivery,
  ZWebhookDeliveryDetail,
  ZWebhookDeliveryIdInput,
  ZWebhookDeliveryListInput,
  ZWebhookIdInput,
  ZWebhookSubscription,
  ZWebhookTestInput,
  ZWebhookToggleInput,
  ZWebhookUpdateInput,
} from '@tradewind/core';
import { z } from 'zod';
import {
  createWebhook,
  deleteWebhook,
  getDelivery,
  getWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  sendTestEvent,
  updateWebhook,
} from '../services/webhooks/subscriptions.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'webhooks:manage', rateLimit: 'read' });
const writeProcedure = protectedProcedure.meta({
  permission: 'webhooks:manage',
  rateLimit: 'control',
});

/** Outbound webhook subscriptions and their delivery log: the caller's own only. */
export const webhooksRouter = router({
  create: writeProcedure
    .input(ZWebhookCreateInput)
    .output(ZWebhookSubscription)
    .mutation(({ ctx, input }) => createWebhook(ctx, ctx.meta, ctx.principal, input)),
  list: readProcedure
    .output(z.array(ZWebhookSubscription))
    .query(({ ctx }) => listWebhooks(ctx, ctx.principal)),
  get: readProcedure
    .input(ZWebhookIdInput)
    .output(ZWebhookSubscription)
    .query(({ ctx, input }) => getWebhook(ctx, ctx.principal, input.id)),
  update: writeProcedure
    .input(ZWebhookUpdateInput)
    .output(ZWebhookSubscription)
    .mutation(({ ctx, input }) => updateWebhook(ctx, ctx.meta, ctx.principal, input)),
  toggle: writeProcedure
    .input(ZWebhookToggleInput)
    .output(ZWebhookSubscription)
    .mutation(({ ctx, input }) => updateWebhook(ctx, ctx.meta, ctx.principal, input)),
  delete: writeProcedure
    .input(ZWebhookIdInput)
    .output(ZWebhookSubscription)
    .mutation(({ ctx, input }) => deleteWebhook(ctx, ctx.meta, ctx.principal, input.id)),
  test: writeProcedure
    .input(ZWebhookTestInput)
    .output(ZWebhookDeliveryDetail)
    .mutation(({ ctx, input }) => sendTestEvent(ctx, ctx.principal, input)),
  deliveries: readProcedure
    .input(ZWebhookDeliveryListInput)
    .output(z.array(ZWebhookDelivery))
    .query(({ ctx, input }) => listDeliveries(ctx, ctx.principal, input)),
  delivery: readProcedure
    .input(ZWebhookDeliveryIdInput)
    .output(ZWebhookDeliveryDetail)
    .query(({ ctx, input }) => getDelivery(ctx, ctx.principal, input.deliveryId)),
  redeliver: writeProcedure
    .input(ZWebhookDeliveryIdInput)
    .output(ZWebhookDeliveryDetail)
    .mutation(({ ctx, input }) => redeliver(ctx, ctx.principal, input.deliveryId)),
});
