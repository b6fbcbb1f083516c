import {
  ZAccountLimits,
  ZAccountLimitsInput,
  ZLiveBotInput,
  ZLiveOrderList,
  ZReconcileReportList,
} from '@tradewind/core';
import {
  listLiveOrders,
  reconcileReports,
  setAccountLimits,
} from '../services/orders/live-queries.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'bots:read', rateLimit: 'read' });

/** LIVE trading: an account's limits, a LIVE bot's orders and its reconciliation reports. */
export const liveRouter = router({
  setAccountLimits: protectedProcedure
    .meta({ permission: 'accounts:write', rateLimit: 'control' })
    .input(ZAccountLimitsInput)
    .output(ZAccountLimits)
    .mutation(({ ctx, input }) => setAccountLimits(ctx, ctx.principal, input)),
  orders: readProcedure
    .input(ZLiveBotInput)
    .output(ZLiveOrderList)
    .query(({ ctx, input }) => listLiveOrders(ctx, ctx.principal, input.botId)),
  reconcileReports: readProcedure
    .input(ZLiveBotInput)
    .output(ZReconcileReportList)
    .query(({ ctx, input }) => reconcileReports(ctx, ctx.principal, input.botId)),
});
