import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BacktestWorkerData } from './backtest-worker.ts';
import type { ComputedBacktest } from './compute-backtest.ts';
import type { WorkerMessage } from './worker-messages.ts';

export type WorkerOutcome =
  | { type: 'completed'; computed: ComputedBacktest }
  | { type: 'cancelled' }
  | { type: 'failed'; reason: string };

export type WorkerRun = {
  readonly outcome: Promise<WorkerOutcome>;
  /** Asks the run to stop; it ends with `cancelled` at its next progress step. */
  cancel(): void;
  /** Stops the thread at once (shutdown); the outcome becomes `failed`. */
  terminate(): Promise<void>;
};

// The server runs its TypeScript sources through tsx, and so must the thread: its entry is a
// small script importing the worker module through tsx's API (a `--import` loader in the
// worker's execArgv does not apply to the entry file on Node 20).
const TSX_API = pathToFileURL(
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
    'dist/esm/api/index.mjs',
  ),
).href;
const WORKER_ENTRY = new URL('./backtest-worker.ts', import.meta.url).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_ENTRY)}, ${JSON.stringify(WORKER_ENTRY)}))`;

/**
 * Runs one backtest on its own worker thread. Why a thread and not chunks on the main loop: the
 * engine's loop is synchronous and keeps its state on the stack, so it cannot be paused and
 * resumed; on a thread it runs at full speed while the server keeps answering requests.
 */
export function runInWorker(
  data: Omit<BacktestWorkerData, 'cancelFlag'>,
  onProgress: (barsDone: number, totalBars: number) => void,
): WorkerRun {
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { ...data, cancelFlag } satisfies BacktestWorkerData,
  });
  const outcome = new Promise<WorkerOutcome>((resolve) => {
    let settled: WorkerOutcome | undefined;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.barsDone, message.totalBars);
      else if (message.type === 'completed') settled = message;
      else if (message.type === 'cancelled') settled = { type: 'cancelled' };
      else settled = { type: 'failed', reason: message.reason };
    });
    worker.on('error', (error) => {
      settled ??= { type: 'failed', reason: `backtest worker crashed: ${error.message}` };
    });
    worker.on('exit', (code) => {
      resolve(
        settled ?? {
          type: 'failed',
          reason: `backtest worker stopped unexpectedly (exit code ${code})`,
        },
      );
    });
  });
  return {
    outcome,
    cancel: () => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    },
    terminate: async () => {
      await worker.terminate();
    },
  };
}
