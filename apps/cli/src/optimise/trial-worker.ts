/**
 * Worker-thread entry of the optimiser's trial pool: holds one optimisation's bars and settings
 * (sent once) and runs the trials it is sent with the engine's `runTrial`, answering each batch
 * in order.
 */
import { parentPort } from 'node:worker_threads';
import { runTrial, type TrialData, type TrialRequest } from '@tradewind/engine';

export type TrialWorkerMessage =
  | { readonly type: 'data'; readonly data: TrialData }
  | { readonly type: 'trials'; readonly batch: number; readonly requests: readonly TrialRequest[] };

let data: TrialData | undefined;

parentPort?.on('message', (message: TrialWorkerMessage) => {
  if (message.type === 'data') {
    data = message.data;
    return;
  }
  const held = data as TrialData;
  try {
    const answers = message.requests.map((request) => runTrial(held, request));
    parentPort?.postMessage({ batch: message.batch, answers });
  } catch (error) {
    parentPort?.postMessage({
      batch: message.batch,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
