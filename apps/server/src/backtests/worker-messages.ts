import type { ComputedBacktest } from './compute-backtest.ts';

/** What a backtest worker thread tells the runner; exactly one final message ends a run. */
export type WorkerMessage =
  | { type: 'progress'; barsDone: number; totalBars: number }
  | { type: 'completed'; computed: ComputedBacktest }
  | { type: 'cancelled'; barsDone: number }
  | { type: 'failed'; reason: string; validation: boolean };
