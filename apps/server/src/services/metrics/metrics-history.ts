import type { AuthenticatedPrincipal, MetricsHistory, ZMetricsHistoryInput } from '@tradewind/core';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';

const round = (value: number | null, digits = 2) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/** The caller's bots' fills in the period, as seed 004's trading figures. */
async function tradingFigures(
  deps: Pick<ServiceDeps, 'db'>,
  userId: string,
  since: Date,
): Promise<MetricsHistory['metrics']['trading']> {
  const where = { executedAt: { gte: since }, bot: { userId } };
  const [totalTrades, successfulTrades, failedTrades, pnl] = await Promise.all([
    deps.db.prisma.trade.count({ where }),
    deps.db.prisma.trade.count({ where: { ...where, pnl: { gte: 0 } } }),
    deps.db.prisma.trade.count({ where: { ...where, pnl: { lt: 0 } } }),
    deps.db.prisma.trade.aggregate({ where, _sum: { pnl: true } }),
  ]);
  const closing = successfulTrades + failedTrades;
  return {
    totalTrades,
    successfulTrades,
    failedTrades,
    totalPnl: round(Number(pnl._sum.pnl ?? 0)) ?? 0,
    winRate: closing === 0 ? null : round(successfulTrades / closing, 4),
  };
}

/**
 * `metrics.history` (seed 004 `GET /metrics?hours`): the caller's trading figures and the
 * server's sampled health over the last `hours`. `uptimePercentage` is the share of the period
 * since its first sample that samples cover, one sampling interval each (100 when every
 * interval has one; less when the server was down).
 */
export async function metricsHistory(
  deps: Pick<ServiceDeps, 'db' | 'config' | 'now'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZMetricsHistoryInput>,
): Promise<MetricsHistory> {
  const now = deps.now();
  const since = new Date(now.getTime() - input.hours * 3_600_000);
  const where = { sampledAt: { gte: since } };
  const [trading, samples, first] = await Promise.all([
    tradingFigures(deps, principal.userId, since),
    deps.db.prisma.metricSample.aggregate({
      where,
      _avg: { cpuUsage: true, memoryUsage: true },
      _max: { eventLoopLagMs: true },
      _count: true,
    }),
    deps.db.prisma.metricSample.findFirst({ where, orderBy: { sampledAt: 'asc' } }),
  ]);
  const covered = first === null ? 0 : now.getTime() - first.sampledAt.getTime();
  const intervals = Math.max(1, Math.floor(covered / deps.config.metricsSampleMs) + 1);
  // Several processes sample at once: count intervals, not samples.
  const processes = await deps.db.prisma.metricSample.groupBy({ by: ['process'], where });
  const perProcess = samples._count / Math.max(1, processes.length);
  return {
    timestamp: now,
    periodHours: input.hours,
    metrics: {
      trading,
      system: {
        avgCpuUsage: round(samples._avg.cpuUsage),
        avgMemoryUsage: round(samples._avg.memoryUsage),
        maxLatencyMs: samples._max.eventLoopLagMs,
        uptimePercentage:
          first === null ? null : round(Math.min(100, (perProcess / intervals) * 100)),
        samples: samples._count,
      },
    },
  };
}
