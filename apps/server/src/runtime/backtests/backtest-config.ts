import { z } from 'zod';

/** The backtest job environment variables, merged into the server's (config.ts). */
export const ZBacktestEnv = {
  /** Run queued backtests in this process (several processes may share one queue). */
  BACKTEST_RUNNER_ENABLED: z
    .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
    .transform((value) => value === 'true' || value === '1')
    .default(true),
  /** Backtests this process runs at once, each on its own worker thread. */
  BACKTEST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** Least time between two stored progress updates (and events) of one job. */
  BACKTEST_PROGRESS_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  /**
   * A running job's heartbeat older than this means the process running it died: the job is
   * marked FAILED ("interrupted by restart"). Heartbeats go out at a third of it.
   */
  BACKTEST_STALE_MS: z.coerce.number().int().min(300).max(3_600_000).default(30_000),
  /**
   * Pause after each 1 % of a backtest's bars (default 0, full speed). A daily-bar backtest
   * finishes in milliseconds; this lets demonstrations and tests watch one and cancel it midway.
   */
  BACKTEST_STEP_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
};

export type BacktestConfig = {
  runnerEnabled: boolean;
  concurrency: number;
  progressIntervalMs: number;
  staleMs: number;
  stepDelayMs: number;
};

export function backtestConfigFrom(values: {
  BACKTEST_RUNNER_ENABLED: boolean;
  BACKTEST_CONCURRENCY: number;
  BACKTEST_PROGRESS_INTERVAL_MS: number;
  BACKTEST_STALE_MS: number;
  BACKTEST_STEP_DELAY_MS: number;
}): BacktestConfig {
  return {
    runnerEnabled: values.BACKTEST_RUNNER_ENABLED,
    concurrency: values.BACKTEST_CONCURRENCY,
    progressIntervalMs: values.BACKTEST_PROGRESS_INTERVAL_MS,
    staleMs: values.BACKTEST_STALE_MS,
    stepDelayMs: values.BACKTEST_STEP_DELAY_MS,
  };
}
