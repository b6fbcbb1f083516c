import {
  ZBotPerformance,
  ZMetricsOverview,
  ZPerformanceBotInput,
  ZPerformanceRecord,
  ZPerformanceRecordsInput,
  ZStatsSummary,
} from '@tradewind/core';
import { z } from 'zod';
import {
  botPerformance,
  listPerformanceRecords,
  metricsOverview,
  statsSummary,
} from '../services/performance/performance.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'bots:read', rateLimit: 'read' });

/** Performance of the caller's bots: per bot, finished records, summaries. */
export const performanceRouter = router({
  bot: readProcedure
    .input(ZPerformanceBotInput)
    .output(ZBotPerformance)
    .query(({ ctx, input }) => botPerformance(ctx, ctx.principal, input.botId)),
  records: readProcedure
    .input(ZPerformanceRecordsInput)
    .output(z.array(ZPerformanceRecord))
    .query(({ ctx, input }) => listPerformanceRecords(ctx, ctx.principal, input.limit)),
  stats: readProcedure.output(ZStatsSummary).query(({ ctx }) => statsSummary(ctx, ctx.principal)),
  overview: readProcedure
    .output(ZMetricsOverview)
    .query(({ ctx }) => metricsOverview(ctx, ctx.principal)),
});
