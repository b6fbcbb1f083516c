import type { BarSeries } from '@tradewind/engine';
import type { BacktestJobSpec } from './backtest-job-spec.ts';
import type { ComputedBacktest } from './compute-backtest.ts';

/** One job for a pool thread. */
export type JobRequest = {
  spec: BacktestJobSpec;
  bars: Record<string, BarSeries>;
  /** Int32Array over it: [0] becomes 1 when the job is cancelled. */
  cancelFlag: SharedArrayBuffer;
  /** Pause after each progress step (BACKTEST_STEP_DELAY_MS). */
  stepDelayMs: number;
};

/** What a pool thread tells the runner about its job; exactly one final message ends it. */
export type WorkerMessage =
  | { type: 'progress'; barsDone: number; totalBars: number }
  | { type: 'completed'; computed: ComputedBacktest }
  | { type: 'cancelled'; barsDone: number }
  | { type: 'failed'; reason: string };
