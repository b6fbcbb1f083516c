import { ZHealth } from '@tradewind/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../src/start-server.ts';
import { startTestServer } from '../src/testing/start-test-server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

type SseEvent = { event: string; data: unknown };

/** Reads the first `count` SSE events (tRPC's `connected` notice aside), then hangs up. */
async function readSseEvents(url: string, count: number): Promise<SseEvent[]> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  if (!response.body) throw new Error('SSE response has no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        lines
          .filter((line) => line.startsWith(`${name}:`))
          .map((line) => line.slice(name.length + 1).trim())
          .join('\n');
      const event = field('event') || 'message';
      const data = field('data');
      if (data && event !== 'connected') events.push({ event, data: JSON.parse(data) });
    }
  }
  controller.abort();
  return events.slice(0, count);
}

describe('operational routes', () => {
  it('GET /health answers ok with the database connected', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const health = ZHealth.parse(await response.json());
    expect(health).toMatchObject({
      status: 'ok',
      environment: 'test',
      database: { connected: true, dialect: server.deps.db.dialect },
    });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('GET /ready answers ready', async () => {
    const response = await fetch(`${server.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true });
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const kept = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await fetch(`${server.url}/health`, {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /metrics serves Prometheus text with request and process metrics', async () => {
    await fetch(`${server.url}/trpc/system.ping`);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body).toMatch(
      /tradewind_http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} \d+/,
    );
    expect(body).toMatch(/tradewind_trpc_calls_total\{path="system.ping",outcome="ok"\} \d+/);
    expect(body).toContain('tradewind_process_resident_memory_bytes');
  });

  it('answers unknown paths with 404 and oversized bodies with 413', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    const big = await fetch(`${server.url}/trpc/system.ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
  });
});

describe('tRPC over HTTP', () => {
  it('answers a single query with superjson-encoded data', async () => {
    const response = await fetch(`${server.url}/trpc/system.ping`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { json: { pong: boolean } } } };
    expect(body.result.data.json.pong).toBe(true);
  });

  it('batches several calls into one HTTP request', async () => {
    const input = encodeURIComponent(JSON.stringify({}));
    const response = await fetch(
      `${server.url}/trpc/system.ping,system.status?batch=1&input=${input}`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Array<{ result: { data: { json: unknown } } }>;
    expect(body).toHaveLength(2);
    expect(body[1]?.result.data.json).toMatchObject({
      status: 'operational',
      database: 'connected',
    });
  });

  it('rejects a malformed batch body with a 4xx, never a 500', async () => {
    const response = await fetch(`${server.url}/trpc/system.ping?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('tRPC subscriptions', () => {
  it('streams heartbeats over SSE', async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { intervalMs: 100 } }));
    const events = await readSseEvents(`${server.url}/trpc/system.heartbeat?input=${input}`, 3);
    expect(events.map((event) => event.event)).toEqual(['message', 'message', 'message']);
    const beats = events.map((event) => (event.data as { json: { sequence: number } }).json);
    expect(beats.map((beat) => beat.sequence)).toEqual([1, 2, 3]);
  });

  it('names the offending field of a bad input, with its request id', async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { intervalMs: 5 } }));
    const [event] = await readSseEvents(`${server.url}/trpc/system.heartbeat?input=${input}`, 1);
    if (!event) throw new Error('the stream closed without an event');
    expect(event.event).toBe('serialized-error');
    const error = (event.data as { json: { message: string; data: Record<string, unknown> } }).json;
    expect(error.message).toMatch(/intervalMs/);
    expect(error.data).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      domainCode: 'VALIDATION_ERROR',
      fieldErrors: { intervalMs: [expect.stringMatching(/100/)] },
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(error.data.stack).toBeUndefined();
  });

  it('streams heartbeats over WebSocket with the tRPC protocol', async () => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`);
    const sequences: number[] = [];
    await new Promise<void>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('open', () => {
        socket.send(
          JSON.stringify({
            id: 1,
            method: 'subscription',
            params: { path: 'system.heartbeat', input: { json: { intervalMs: 100 } } },
          }),
        );
      });
      socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as {
          result?: { type: string; data?: { json: { sequence: number } } };
        };
        if (message.result?.type === 'data' && message.result.data) {
          sequences.push(message.result.data.json.sequence);
          if (sequences.length === 3) resolve();
        }
      });
    });
    socket.close();
    expect(sequences).toEqual([1, 2, 3]);
  });
});
