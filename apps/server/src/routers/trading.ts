import {
  ZAccountTermination,
  ZClosedPosition,
  ZClosePositionInput,
  ZExecution,
  ZGroupExecuteInput,
  ZPositionsInput,
  ZTerminateAccountInput,
  ZTradingPosition,
} from '@tradewind/core';
import {
  closePosition,
  listPositions,
  terminateOwnedAccount,
} from '../services/trading/account-positions.ts';
import { executeForGroup } from '../services/trading/group-execute.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const tradeProcedure = protectedProcedure.meta({
  permission: 'trading:execute',
  rateLimit: 'control',
});

/** Direct trading on the caller's exchange accounts (seed 001 Trading API). */
export const tradingRouter = router({
  executeGroup: tradeProcedure
    .input(ZGroupExecuteInput)
    .output(ZExecution)
    .mutation(({ ctx, input }) => executeForGroup(ctx, ctx.principal, input)),
  positions: protectedProcedure
    .meta({ permission: 'accounts:read', rateLimit: 'read' })
    .input(ZPositionsInput)
    .output(ZTradingPosition.array())
    .query(({ ctx, input }) => listPositions(ctx, ctx.principal, input)),
  closePosition: tradeProcedure
    .input(ZClosePositionInput)
    .output(ZClosedPosition)
    .mutation(({ ctx, input }) => closePosition(ctx, ctx.principal, input)),
  terminateAccount: tradeProcedure
    .input(ZTerminateAccountInput)
    .output(ZAccountTermination)
    .mutation(({ ctx, input }) => terminateOwnedAccount(ctx, ctx.principal, input.accountId)),
});
