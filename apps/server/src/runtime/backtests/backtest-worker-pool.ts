import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ComputedBacktest } from './compute-backtest.ts';
import type { JobRequest, WorkerMessage } from './worker-messages.ts';

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

// The server runs its TypeScript sources through tsx, and so must the threads: each one's entry
// is a small script importing the worker module through tsx's API (a `--import` loader in the
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
 * Runs backtests on worker threads, one job per thread at a time, keeping finished threads for
 * the next job. Why threads and not chunks on the main loop: the engine's loop is synchronous and
 * keeps its state on the stack, so it cannot be paused and resumed; on a thread it runs at full
 * speed while the server keeps answering. Why keep them: loading a thread (tsx, the engine,
 * zod) costs about a second of CPU, far more than a daily-bar backtest.
 */
export class BacktestWorkerPool {
  readonly #idle: Worker[] = [];
  readonly #all = new Set<Worker>();
  #closed = false;

  run(
    job: Omit<JobRequest, 'cancelFlag'>,
    onProgress: (barsDone: number, totalBars: number) => void,
  ): WorkerRun {
    if (this.#closed) throw new Error('the backtest worker pool is closed');
    const cancelFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelFlag);
    const worker = this.#idle.pop() ?? this.#spawn();
    const outcome = new Promise<WorkerOutcome>((resolve) => {
      const finish = (result: WorkerOutcome, reusable: boolean) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable && !this.#closed) this.#idle.push(worker);
        else {
          this.#all.delete(worker);
          void worker.terminate();
        }
        resolve(result);
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'progress') onProgress(message.barsDone, message.totalBars);
        else if (message.type === 'cancelled') finish({ type: 'cancelled' }, true);
        else finish(message, true);
      };
      const onError = (error: Error) =>
        finish({ type: 'failed', reason: `backtest worker crashed: ${error.message}` }, false);
      const onExit = (code: number) =>
        finish(
          { type: 'failed', reason: `backtest worker stopped unexpectedly (exit code ${code})` },
          false,
        );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    worker.postMessage({ ...job, cancelFlag } satisfies JobRequest);
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

  /** Stops every thread; jobs still running end as failed. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#all].map((worker) => worker.terminate()));
    this.#all.clear();
    this.#idle.length = 0;
  }

  #spawn(): Worker {
    const worker = new Worker(BOOTSTRAP, { eval: true });
    // Idle threads must not keep a finished process (or a test run) alive.
    worker.unref();
    this.#all.add(worker);
    return worker;
  }
}
