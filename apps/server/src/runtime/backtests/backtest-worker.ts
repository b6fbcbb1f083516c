/**
 * Worker-thread entry of the backtest pool: runs one job at a time with
 * {@link computeBacktest}, off the server's event loop, for as long as the thread lives.
 * Cancellation is a shared flag per job that the parent sets, read by the engine's signal and
 * between progress steps.
 */
import { parentPort } from 'node:worker_threads';
import { BacktestCancelledError } from '@tradewind/engine';
import { computeBacktest } from './compute-backtest.ts';
import type { JobRequest, WorkerMessage } from './worker-messages.ts';

const post = (message: WorkerMessage) => parentPort?.postMessage(message);

parentPort?.on('message', (job: JobRequest) => {
  const flag = new Int32Array(job.cancelFlag);
  const signal = {
    get aborted() {
      return Atomics.load(flag, 0) === 1;
    },
  };
  try {
    const computed = computeBacktest(job.spec, job.bars, {
      signal,
      onProgress: (barsDone, totalBars) => {
        post({ type: 'progress', barsDone, totalBars });
        // Waits on the flag itself, so a cancel ends the pause at once.
        if (job.stepDelayMs > 0 && barsDone < totalBars) {
          Atomics.wait(flag, 0, 0, job.stepDelayMs);
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
      });
    }
  }
});
