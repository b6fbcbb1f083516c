import {
  ZBotAccountInput,
  ZBotAccountPerformance,
  ZBotAccountSummary,
  ZBotConnectResult,
  ZBotIdOnlyInput,
  ZBotTermination,
} from '@tradewind/core';
import {
  botAccountPerformance,
  botAccounts,
  connectAccount,
  disconnectAccount,
  terminateBotAccounts,
} from '../services/trading/bot-accounts.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const controlProcedure = protectedProcedure.meta({
  permission: 'trading:execute',
  rateLimit: 'control',
});
const readProcedure = protectedProcedure.meta({ permission: 'bots:read', rateLimit: 'read' });

/** Exchange accounts a bot trades on (seed 001 bots connect-account ... performance). */
export const botAccountsRouter = router({
  connect: controlProcedure
    .input(ZBotAccountInput)
    .output(ZBotConnectResult)
    .mutation(({ ctx, input }) => connectAccount(ctx, ctx.principal, input)),
  disconnect: controlProcedure
    .input(ZBotAccountInput)
    .output(ZBotConnectResult)
    .mutation(({ ctx, input }) => disconnectAccount(ctx, ctx.principal, input)),
  list: readProcedure
    .input(ZBotIdOnlyInput)
    .output(ZBotAccountSummary.array())
    .query(({ ctx, input }) => botAccounts(ctx, ctx.principal, input.botId)),
  terminate: controlProcedure
    .input(ZBotIdOnlyInput)
    .output(ZBotTermination)
    .mutation(({ ctx, input }) => terminateBotAccounts(ctx, ctx.principal, input.botId)),
  performance: readProcedure
    .input(ZBotIdOnlyInput)
    .output(ZBotAccountPerformance)
    .query(({ ctx, input }) => botAccountPerformance(ctx, ctx.principal, input.botId)),
});
