import {
  ZAlertList,
  ZAlertListInput,
  ZOperatorAlert,
  ZOperatorAlertIdInput,
  ZOperatorAlertList,
  ZOperatorAlertListInput,
} from '@tradewind/core';
import { listAlerts } from '../services/alerts/alerts.ts';
import { listOperatorAlerts } from '../services/alerts/list-operator-alerts.ts';
import { updateOperatorAlert } from '../services/alerts/update-operator-alert.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const handProcedure = protectedProcedure.meta({ permission: 'bots:control', rateLimit: 'control' });

/**
 * Risk alerts of the caller's bots (`list`: stop-losses, guards that paused a bot, as raised),
 * and operator alerts with a lifecycle (`system`: seed 004 `GET /alerts`; acknowledge, resolve).
 */
export const alertsRouter = router({
  list: protectedProcedure
    .meta({ permission: 'bots:read', rateLimit: 'read' })
    .input(ZAlertListInput)
    .output(ZAlertList)
    .query(({ ctx, input }) => listAlerts(ctx, ctx.principal, input)),
  system: protectedProcedure
    .meta({ permission: 'system:read', rateLimit: 'read' })
    .input(ZOperatorAlertListInput)
    .output(ZOperatorAlertList)
    .query(({ ctx, input }) => listOperatorAlerts(ctx, ctx.principal, input)),
  acknowledge: handProcedure
    .input(ZOperatorAlertIdInput)
    .output(ZOperatorAlert)
    .mutation(({ ctx, input }) =>
      updateOperatorAlert(ctx, ctx.principal, input.alertId, 'acknowledge'),
    ),
  resolve: handProcedure
    .input(ZOperatorAlertIdInput)
    .output(ZOperatorAlert)
    .mutation(({ ctx, input }) =>
      updateOperatorAlert(ctx, ctx.principal, input.alertId, 'resolve'),
    ),
});
