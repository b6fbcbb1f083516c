import { ZAlertList, ZAlertListInput } from '@tradewind/core';
import { listAlerts } from '../services/alerts/alerts.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

/** Risk alerts of the caller's bots (stop-losses, guards that paused a bot). */
export const alertsRouter = router({
  list: protectedProcedure
    .meta({ permission: 'bots:read', rateLimit: 'read' })
    .input(ZAlertListInput)
    .output(ZAlertList)
    .query(({ ctx, input }) => listAlerts(ctx, ctx.principal, input)),
});
