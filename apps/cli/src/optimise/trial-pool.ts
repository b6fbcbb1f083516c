import { createRequire as requireFrom } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrialAnswer, TrialData, TrialEvaluator, TrialRequest } from '@tradewind/engine';
import type { TrialWorkerMessage } from './trial-worker.ts';

type Reply = { batch: number; answers?: TrialAnswer[]; error?: string };

/**
 * The worker's entry: the bundle's `optimise/trial-worker.js` beside this chunk, or, when the CLI
 * runs from its TypeScript sources, the source through tsx's API (a `--import` loader in the
 * worker's execArgv does not apply to the entry file on Node 20).
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) {
    return { entry: new URL('./optimise/trial-worker.js', import.meta.url), eval: false };
  }
  const tsx = pathToFileURL(
    path.join(
      path.dirname(requireFrom(import.meta.url).resolve('tsx/package.json')),
      'dist/esm/api/index.mjs',
    ),
  ).href;
  const source = new URL('./trial-worker.ts', import.meta.url).href;
  return {
    entry: `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`,
    eval: true,
  };
}

/**
 * Runs an optimisation's trials on `size` worker threads, each holding a copy of the bars: a
 * batch is cut into one contiguous slice per thread and the answers are put back in request
 * order, so the optimiser sees the same answers whatever the number of threads.
 */
export class TrialPool {
  readonly #workers: Worker[];
  #batch = 0;

  constructor(size: number, data: TrialData) {
    const { entry, eval: isEval } = workerEntry();
    this.#workers = Array.from({ length: size }, () => {
      const worker = new Worker(entry, { eval: isEval });
      worker.postMessage({ type: 'data', data } satisfies TrialWorkerMessage);
      return worker;
    });
  }

  readonly evaluate: TrialEvaluator = async (requests) => {
    const per = Math.ceil(requests.length / this.#workers.length);
    const slices = this.#workers.map((worker, i) => {
      const slice = requests.slice(i * per, (i + 1) * per);
      return slice.length === 0 ? Promise.resolve([]) : this.#run(worker, slice);
    });
    return (await Promise.all(slices)).flat();
  };

  #run(worker: Worker, requests: TrialRequest[]): Promise<TrialAnswer[]> {
    const batch = ++this.#batch;
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (reply.batch !== batch) return;
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (reply.error !== undefined) reject(new Error(reply.error));
        else resolve(reply.answers as TrialAnswer[]);
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(new Error(`an optimiser worker crashed: ${error.message}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ type: 'trials', batch, requests } satisfies TrialWorkerMessage);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}
