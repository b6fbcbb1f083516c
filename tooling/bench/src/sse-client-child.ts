/**
 * The SSE clients of `sse-client-process.ts`, in their own process: opens the streams it is
 * told to over IPC, then reports what they received every {@link REPORT_MS} until told to close.
 */

import type { ChildMessage, ParentMessage } from './sse-client-process.ts';
import { openSseStreams } from './sse-streams.ts';

const REPORT_MS = 200;

function send(message: ChildMessage): void {
  process.send?.(message);
}

process.once('message', async (message: ParentMessage) => {
  if (message.type !== 'open') return;
  const received = { overviews: 0, events: 0 };
  const started = performance.now();
  const close = await openSseStreams(message.url, message.tokens, message.count, (block) => {
    if (block.includes('event: overview_update')) received.overviews++;
    else if (block.startsWith('id: ')) received.events++;
  });
  send({ type: 'open', seconds: (performance.now() - started) / 1000 });
  const report = setInterval(() => send({ type: 'received', ...received }), REPORT_MS);
  process.once('message', () => {
    clearInterval(report);
    close();
    process.disconnect();
  });
});
