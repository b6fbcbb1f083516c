import {
  ZNotificationChannel,
  ZNotificationChannelCreateInput,
  ZNotificationChannelIdInput,
} from '@tradewind/core';
import { z } from 'zod';
import {
  addNotificationChannel,
  listNotificationChannels,
  removeNotificationChannel,
} from '../services/notifications/notification-channels.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const controlProcedure = protectedProcedure.meta({
  permission: 'bots:control',
  rateLimit: 'control',
});

/** The caller's notification channels: where their operator alerts are sent. */
export const notificationsRouter = router({
  list: protectedProcedure
    .meta({ permission: 'bots:read', rateLimit: 'read' })
    .output(z.array(ZNotificationChannel))
    .query(({ ctx }) => listNotificationChannels(ctx, ctx.principal)),
  add: controlProcedure
    .input(ZNotificationChannelCreateInput)
    .output(ZNotificationChannel)
    .mutation(({ ctx, input }) => addNotificationChannel(ctx, ctx.principal, input)),
  remove: controlProcedure
    .input(ZNotificationChannelIdInput)
    .output(z.object({ success: z.literal(true), channelId: z.number().int() }))
    .mutation(({ ctx, input }) => removeNotificationChannel(ctx, ctx.principal, input.channelId)),
});
