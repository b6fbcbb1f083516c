import {
  ZAcknowledgement,
  ZStrategy,
  ZStrategyCategoryUsage,
  ZStrategyCreateInput,
  ZStrategyDetail,
  ZStrategyEvent,
  ZStrategyFromTemplateInput,
  ZStrategyHistoryInput,
  ZStrategyIdInput,
  ZStrategyList,
  ZStrategyListInput,
  ZStrategyPerformance,
  ZStrategyPerformanceInput,
  ZStrategyShare,
  ZStrategyShareInput,
  ZStrategySignal,
  ZStrategySignalsInput,
  ZStrategyStartInput,
  ZStrategyTemplate,
  ZStrategyTemplatesInput,
  ZStrategyUnshareInput,
  ZStrategyUpdateInput,
} from '@tradewind/core';
import { z } from 'zod';
import {
  createStrategy,
  createStrategyFromTemplate,
  deleteStrategy,
  updateStrategy,
} from '../services/strategies/strategy-commands.ts';
import { startStrategy, stopStrategy } from '../services/strategies/strategy-execution.ts';
import { strategyHistory } from '../services/strategies/strategy-history.ts';
import { strategyPerformance } from '../services/strategies/strategy-performance.ts';
import {
  getStrategy,
  listStrategies,
  strategyCategories,
} from '../services/strategies/strategy-queries.ts';
import {
  shareStrategy,
  strategyShares,
  unshareStrategy,
} from '../services/strategies/strategy-sharing.ts';
import { strategySignals } from '../services/strategies/strategy-signals.ts';
import { listTemplates } from '../services/strategies/strategy-templates.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'strategies:read', rateLimit: 'read' });
const writeProcedure = protectedProcedure.meta({
  permission: 'strategies:write',
  rateLimit: 'control',
});
const executeProcedure = protectedProcedure.meta({
  permission: 'strategies:execute',
  rateLimit: 'control',
});
const deleteProcedure = protectedProcedure.meta({
  permission: 'strategies:delete',
  rateLimit: 'control',
});
const shareProcedure = protectedProcedure.meta({
  permission: 'strategies:share',
  rateLimit: 'control',
});

/**
 * The strategy lab (seed 002). The role permission named here lets a caller use a procedure at
 * all; which strategies they may use it on is each strategy's own permission (owner, admin, or
 * shared), checked by the services.
 */
export const strategiesRouter = router({
  list: readProcedure
    .input(ZStrategyListInput)
    .output(ZStrategyList)
    .query(({ ctx, input }) => listStrategies(ctx, ctx.principal, input)),
  get: readProcedure
    .input(ZStrategyIdInput)
    .output(ZStrategyDetail)
    .query(({ ctx, input }) => getStrategy(ctx, ctx.principal, input.strategyId)),
  create: writeProcedure
    .input(ZStrategyCreateInput)
    .output(ZStrategy)
    .mutation(({ ctx, input }) => createStrategy(ctx, ctx.principal, input)),
  createFromTemplate: writeProcedure
    .input(ZStrategyFromTemplateInput)
    .output(ZStrategy)
    .mutation(({ ctx, input }) => createStrategyFromTemplate(ctx, ctx.principal, input)),
  update: writeProcedure
    .input(ZStrategyUpdateInput)
    .output(ZStrategy)
    .mutation(({ ctx, input }) => updateStrategy(ctx, ctx.principal, input)),
  delete: deleteProcedure
    .input(ZStrategyIdInput)
    .output(ZAcknowledgement)
    .mutation(({ ctx, input }) => deleteStrategy(ctx, ctx.principal, input.strategyId)),
  start: executeProcedure
    .input(ZStrategyStartInput)
    .output(ZStrategy)
    .mutation(({ ctx, input }) => startStrategy(ctx, ctx.principal, input)),
  stop: executeProcedure
    .input(ZStrategyIdInput)
    .output(ZStrategy)
    .mutation(({ ctx, input }) => stopStrategy(ctx, ctx.principal, input.strategyId)),
  signals: readProcedure
    .input(ZStrategySignalsInput)
    .output(z.array(ZStrategySignal))
    .query(({ ctx, input }) => strategySignals(ctx, ctx.principal, input)),
  performance: readProcedure
    .input(ZStrategyPerformanceInput)
    .output(ZStrategyPerformance)
    .query(({ ctx, input }) => strategyPerformance(ctx, ctx.principal, input)),
  history: readProcedure
    .input(ZStrategyHistoryInput)
    .output(z.array(ZStrategyEvent))
    .query(({ ctx, input }) => strategyHistory(ctx, ctx.principal, input)),
  templates: readProcedure
    .input(ZStrategyTemplatesInput)
    .output(z.array(ZStrategyTemplate))
    .query(({ input }) => listTemplates(input)),
  categories: readProcedure
    .output(z.array(ZStrategyCategoryUsage))
    .query(({ ctx }) => strategyCategories(ctx, ctx.principal)),
  shares: shareProcedure
    .input(ZStrategyIdInput)
    .output(z.array(ZStrategyShare))
    .query(({ ctx, input }) => strategyShares(ctx, ctx.principal, input.strategyId)),
  share: shareProcedure
    .input(ZStrategyShareInput)
    .output(z.array(ZStrategyShare))
    .mutation(({ ctx, input }) => shareStrategy(ctx, ctx.principal, input)),
  unshare: shareProcedure
    .input(ZStrategyUnshareInput)
    .output(z.array(ZStrategyShare))
    .mutation(({ ctx, input }) => unshareStrategy(ctx, ctx.principal, input)),
});
