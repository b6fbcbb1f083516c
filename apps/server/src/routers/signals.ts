import {
  ZAcknowledgement,
  ZCreatedTradingViewToken,
  ZTradingViewSignal,
  ZTradingViewSignalIdInput,
  ZTradingViewSignalList,
  ZTradingViewSignalListInput,
  ZTradingViewTokenStatus,
} from '@tradewind/core';
import { getSignal, listSignals } from '../services/tradingview/signal-log.ts';
import {
  revokeTradingViewToken,
  rotateTradingViewToken,
  tradingViewTokenStatus,
} from '../services/tradingview/webhook-token.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'bots:read', rateLimit: 'read' });
// The webhook token trades on the owner's bots, so managing it takes the right to control them.
const controlProcedure = protectedProcedure.meta({
  permission: 'bots:control',
  rateLimit: 'control',
});

/** TradingView inbound signals: the caller's signal log and webhook token. */
export const signalsRouter = router({
  list: readProcedure
    .input(ZTradingViewSignalListInput)
    .output(ZTradingViewSignalList)
    .query(({ ctx, input }) => listSignals(ctx, ctx.principal, input)),
  get: readProcedure
    .input(ZTradingViewSignalIdInput)
    .output(ZTradingViewSignal)
    .query(({ ctx, input }) => getSignal(ctx, ctx.principal, input.id)),
  token: readProcedure
    .output(ZTradingViewTokenStatus.nullable())
    .query(({ ctx }) => tradingViewTokenStatus(ctx, ctx.principal)),
  rotateToken: controlProcedure
    .output(ZCreatedTradingViewToken)
    .mutation(({ ctx }) => rotateTradingViewToken(ctx, ctx.meta, ctx.principal)),
  revokeToken: controlProcedure
    .output(ZAcknowledgement)
    .mutation(({ ctx }) => revokeTradingViewToken(ctx, ctx.meta, ctx.principal)),
});
