/**
 * SSE clients in a child process of their own, so that a benchmark measuring the server (its
 * `/health` latency) does not also measure its own event loop busy reading thousands of streams.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ParentMessage =
  | { type: 'open'; url: string; tokens: readonly string[]; count: number }
  | { type: 'close' };
export type ChildMessage =
  | { type: 'open'; seconds: number }
  | { type: 'received'; overviews: number; events: number };

export type SseClients = {
  /** Seconds the streams took to open. */
  openSeconds: number;
  /** Overview and domain-event blocks received so far (as of the child's last report). */
  received: { overviews: number; events: number };
  close(): Promise<void>;
};

/** Opens `count` SSE streams (see `openSseStreams`) in a child process; resolves once all are. */
export async function openSseStreamsInChild(
  url: string,
  tokens: readonly string[],
  count: number,
): Promise<SseClients> {
  const child = fork(fileURLToPath(new URL('./sse-client-child.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const received = { overviews: 0, events: 0 };
  const opened = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`SSE client process exited (${code})`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'open') resolve(message.seconds);
      else Object.assign(received, { overviews: message.overviews, events: message.events });
    });
  });
  child.send({ type: 'open', url, tokens, count } satisfies ParentMessage);
  const close = async () => {
    if (child.connected) child.send({ type: 'close' } satisfies ParentMessage);
    await exited;
  };
  try {
    return { openSeconds: await opened, received, close };
  } catch (error) {
    child.kill();
    throw error;
  }
}
