import { ZTradeList, ZTradeListInput } from '@tradewind/core';
import { listTrades } from '../services/trades/trades.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

/** Fills of the caller's bots. */
export const tradesRouter = router({
  list: protectedProcedure
    .meta({ permission: 'bots:read', rateLimit: 'read' })
    .input(ZTradeListInput)
    .output(ZTradeList)
    .query(({ ctx, input }) => listTrades(ctx, ctx.principal, input)),
});
