import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got: headers and the exact body bytes, as UTF-8. */
export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; receivedAt: number };

export type WebhookReceiver = {
  /** `http://127.0.0.1:<port>/hook`. */
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Resolves once `count` requests have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
};

/**
 * What to answer to the n-th request (0-based): a status (with optional headers), or `hang`
 * to never answer. Default: 200.
 */
export type ReceiverAnswer = (
  index: number,
  webhook: ReceivedWebhook,
) => number | { status: number; headers?: Record<string, string> } | 'hang';

/** A real HTTP server on a free loopback port that records every webhook it gets. */
export async function startWebhookReceiver(
  answer: ReceiverAnswer = () => 200,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: (() => void)[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const webhook = {
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      received.push(webhook);
      for (const wake of waiters.splice(0)) wake();
      const reply = answer(received.length - 1, webhook);
      if (reply === 'hang') {
        hanging.push(response);
        return;
      }
      const { status, headers } =
        typeof reply === 'number' ? { status: reply, headers: {} } : reply;
      response.writeHead(status, headers).end(status < 300 ? 'OK' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(
            `receiver got ${received.length} webhooks, expected ${count} within ${timeoutMs} ms`,
          );
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received.slice(0, count);
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
