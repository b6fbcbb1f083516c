import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTradewindClient, isTradewindClientError } from '../src/index.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Collects the first `count` beats of a heartbeat subscription, then unsubscribes. */
function firstBeats(
  client: ReturnType<typeof createTradewindClient>,
  count: number,
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const sequences: number[] = [];
    const subscription = client.system.heartbeat.subscribe(
      { intervalMs: 100 },
      {
        onData(beat) {
          sequences.push(beat.sequence);
          if (sequences.length === count) {
            subscription.unsubscribe();
            resolve(sequences);
          }
        },
        onError: reject,
      },
    );
  });
}

describe('createTradewindClient', () => {
  it('queries through the typed client', async () => {
    const client = createTradewindClient({ url: server.url });
    const ping = await client.system.ping.query();
    expect(ping.pong).toBe(true);
    const status = await client.system.status.query();
    expect(status).toMatchObject({ status: 'operational', database: 'connected' });
    // Bot counts are for signed-in callers only.
    expect(status).not.toHaveProperty('botsTotal');
  });

  it('batches concurrent calls into one HTTP request and sends the headers hook', async () => {
    const requests: Array<{ url: string; headers: Headers }> = [];
    const client = createTradewindClient({
      url: `${server.url}/`,
      headers: () => ({ 'x-request-id': 'sdk-batch-test' }),
      fetch: (input, init) => {
        requests.push({ url: String(input), headers: new Headers(init?.headers) });
        return fetch(input, init);
      },
    });
    const [ping, status] = await Promise.all([
      client.system.ping.query(),
      client.system.status.query(),
    ]);
    expect(ping.pong).toBe(true);
    expect(status.version).toBe(server.deps.version);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toContain('/trpc/system.ping,system.status?batch=1');
    expect(requests[0]?.headers.get('x-request-id')).toBe('sdk-batch-test');
  });

  it.each(['websocket', 'sse'] as const)('streams the heartbeat over %s', async (transport) => {
    const client = createTradewindClient({ url: server.url, subscriptions: transport });
    expect(await firstBeats(client, 3)).toEqual([1, 2, 3]);
  });

  it('surfaces validation errors with the field that was wrong', async () => {
    const client = createTradewindClient({ url: server.url, subscriptions: 'sse' });
    const error = await new Promise<unknown>((resolve) => {
      client.system.heartbeat.subscribe({ intervalMs: 1 }, { onError: resolve });
    });
    expect(isTradewindClientError(error)).toBe(true);
    if (!isTradewindClientError(error)) return;
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/intervalMs/);
  });
});
