import { z } from 'zod';

/** `metrics.history` (seed 004 `GET /metrics?hours`): the last `hours` (default 1, at most 168). */
export const ZMetricsHistoryInput = z
  .object({
    hours: z
      .number({ error: 'must be a number of hours' })
      .positive('must be more than 0')
      .max(168, 'must be at most 168 (the samples are kept a week by default)')
      .default(1),
  })
  .strict()
  .default({ hours: 1 });
export type MetricsHistoryInput = z.input<typeof ZMetricsHistoryInput>;

/**
 * Seed 004's answer. `trading` covers the caller's bots' fills in the period (closing fills:
 * `successfulTrades` with a realized PnL of 0 or more, `failedTrades` below 0; `winRate` their
 * ratio, null without a closing fill). `system` covers the server processes' samples: averages
 * of CPU and memory, the longest event-loop delay, and `uptimePercentage`, the share of the
 * period since the first sample in it that samples cover (null before any sample).
 */
export const ZMetricsHistory = z.object({
  timestamp: z.date(),
  periodHours: z.number(),
  metrics: z.object({
    trading: z.object({
      totalTrades: z.number().int(),
      successfulTrades: z.number().int(),
      failedTrades: z.number().int(),
      totalPnl: z.number(),
      winRate: z.number().nullable(),
    }),
    system: z.object({
      avgCpuUsage: z.number().nullable(),
      avgMemoryUsage: z.number().nullable(),
      maxLatencyMs: z.number().nullable(),
      uptimePercentage: z.number().nullable(),
      samples: z.number().int(),
    }),
  }),
});
export type MetricsHistory = z.infer<typeof ZMetricsHistory>;
