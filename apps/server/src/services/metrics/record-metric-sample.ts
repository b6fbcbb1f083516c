import type { ServiceDeps } from '../../service-deps.ts';
import { hostUsage } from '../system-control/host-usage.ts';

/**
 * Stores one sample of this process (CPU, memory, the longest event-loop delay since the last
 * sample, uptime) and drops samples older than `METRICS_RETENTION_HOURS`.
 */
export async function recordMetricSample(
  deps: Pick<ServiceDeps, 'db' | 'config' | 'now' | 'startedAt'>,
  process: string,
  eventLoopLagMs: number,
): Promise<void> {
  const { prisma } = deps.db;
  const now = deps.now();
  const usage = await hostUsage(deps.config.dataDir);
  await prisma.metricSample.create({
    data: {
      sampledAt: now,
      process,
      cpuUsage: usage.cpuUsage,
      memoryUsage: usage.memoryUsage,
      eventLoopLagMs: Math.round(eventLoopLagMs * 10) / 10,
      uptimeSeconds: Math.max(0, Math.floor((now.getTime() - deps.startedAt.getTime()) / 1000)),
    },
  });
  const retention = deps.config.metricsRetentionHours * 3_600_000;
  await prisma.metricSample.deleteMany({
    where: { sampledAt: { lt: new Date(now.getTime() - retention) } },
  });
}
