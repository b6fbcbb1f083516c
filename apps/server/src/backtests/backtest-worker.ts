/**
 * Worker-thread entry of a backtest job: runs {@link computeBacktest} off the server's event
 * loop and reports to the parent by message. Cancellation is a shared flag the parent sets, read
 * by the engine's signal and between progress steps.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isDomainError } from '@tradewind/core';
import { BacktestCancelledError, type BarSeries } from '@tradewind/engine';
import type { BacktestJobSpec } from './backtest-job-spec.ts';
import { computeBacktest } from './compute-backtest.ts';
import type { WorkerMessage } from './worker-messages.ts';

export type BacktestWorkerData = {
  spec: BacktestJobSpec;
  bars: Record<string, BarSeries>;
  /** Int32Array over it: [0] becomes 1 when the job is cancelled. */
  cancelFlag: SharedArrayBuffer;
  /** Pause after each progress step (BACKTEST_STEP_DELAY_MS). */
  stepDelayMs: number;
};

const data = workerData as BacktestWorkerData;
const flag = new Int32Array(data.cancelFlag);
const signal = {
  get aborted() {
    return Atomics.load(flag, 0) === 1;
  },
};
const post = (message: WorkerMessage) => parentPort?.postMessage(message);

try {
  const computed = computeBacktest(data.spec, data.bars, {
    signal,
    onProgress: (barsDone, totalBars) => {
      post({ type: 'progress', barsDone, totalBars });
      // Waits on the flag itself, so a cancel ends the pause at once.
      if (data.stepDelayMs > 0 && barsDone < totalBars) {
        Atomics.wait(flag, 0, 0, data.stepDelayMs);
      }
      if (signal.aborted) throw new BacktestCancelledError(barsDone);
    },
  });
  post({ type: 'completed', computed });
} catch (error) {
  if (error instanceof BacktestCancelledError) {
    post({ type: 'cancelled', barsDone: error.barsDone });
  } else {
    post({
      type: 'failed',
      reason: error instanceof Error ? error.message : String(error),
      validation: isDomainError(error) && error.code === 'VALIDATION_ERROR',
    });
  }
}
