import { ZMetricsHistory, ZMetricsHistoryInput } from '@tradewind/core';
import { metricsHistory } from '../services/metrics/metrics-history.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

/** Metrics history (seed 004 `GET /metrics?hours`): trading figures and sampled server health. */
export const metricsRouter = router({
  history: protectedProcedure
    .meta({ permission: 'system:read', rateLimit: 'read' })
    .input(ZMetricsHistoryInput)
    .output(ZMetricsHistory)
    .query(({ ctx, input }) => metricsHistory(ctx, ctx.principal, input)),
});
