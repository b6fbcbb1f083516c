import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, freePort, trpcCall } from '@tradewind/testing';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type ServerProcess,
  spawnServer,
  stopServer,
  waitForHealth,
} from './support/server-process.ts';

const SECRET = 'realtime-bus-test-secret-key-0123456789';

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Reads an SSE response body, collecting `id`-carrying events as `{ id, event }`. */
function collectSse(body: ReadableStream<Uint8Array>, into: { id: string; event: string }[]) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.+)$/m.exec(block)?.[1];
        const event = /^event: (.+)$/m.exec(block)?.[1];
        if (id && event) into.push({ id, event });
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  return () => reader.cancel().catch(() => undefined);
}

describe('realtime across two server processes on one PostgreSQL', () => {
  const database = createTestDatabase();
  const started: ServerProcess[] = [];
  let dataDir: string | undefined;
  afterAll(async () => {
    for (const server of started) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        await stopServer(server);
      }
    }
    await (await database).close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a client of process B sees, in order, every event of a bot that runs in process A, and resumes after a reconnect with exactly the events it missed', async () => {
    const { databaseUrl, prisma } = await database;
    if (!databaseUrl) throw new Error('this suite runs on PostgreSQL only');
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-realtime-'));
    const env = async (runner: boolean) => ({
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      TRADEWIND_DATA_DIR: dataDir as string,
      TRADEWIND_SECRET_KEY: SECRET,
      SIMULATOR_BAR_MS: '20',
      RATE_LIMIT_SCALE: '1000',
      BOT_RUNNER_ENABLED: String(runner),
    });
    const a = spawnServer(await env(true));
    // B runs no bots: whatever B's clients see of the bot came from A through PostgreSQL.
    const b = spawnServer(await env(false));
    started.push(a, b);
    await Promise.all([waitForHealth(a), waitForHealth(b)]);

    const tokens = await trpcCall<{ accessToken: string }>(a.url, 'auth.register', {
      email: 'realtime-pg@example.com',
      password: 'correct horse battery 42',
      firstName: 'Realtime',
    });
    const token = tokens.accessToken;
    const messages: { type: string; event_id?: string; event?: string }[] = [];
    const socket = new WebSocket(`${b.url.replace(/^http/, 'ws')}/api/ws?token=${token}`);
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    // An SSE client of B that leaves after the first event and comes back later.
    const leaver: { id: string; event: string }[] = [];
    const firstStream = await fetch(`${b.url}/api/realtime/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const stopFirst = collectSse(firstStream.body as ReadableStream<Uint8Array>, leaver);

    const bot = await trpcCall<{ id: number }>(
      a.url,
      'bots.create',
      {
        initialCash: 10_000,
        symbols: ['AAPL'],
        strategy: 'MovingAverage',
        params: { fast: 2, slow: 4 },
      },
      token,
    );
    await waitFor(() => (leaver.length > 0 ? true : undefined), 'the first event over SSE on B');
    await stopFirst();
    const seenBeforeLeaving = leaver.map((event) => event.id);

    await waitFor(
      async () =>
        (await prisma.trade.count({ where: { botId: bot.id } })) >= 3 ? true : undefined,
      'three trades in A',
    );
    await trpcCall(b.url, 'bots.stop', { botId: bot.id }, token);
    const expected = (
      await prisma.outboxEvent.findMany({ where: { botId: bot.id }, orderBy: { id: 'asc' } })
    ).map((row) => ({ id: row.id.toString(), type: row.type }));
    expect(expected[0]?.type).toBe('bot.started');
    expect(expected.at(-1)?.type).toBe('bot.finished');
    const lastId = expected.at(-1)?.id as string;

    const fromGateway = () =>
      messages
        .filter((message) => message.event_id !== undefined)
        .map((message) => ({
          id: message.event_id,
          type: message.type === 'bot_update' ? message.event : 'trade.executed',
        }));
    await waitFor(
      () => (fromGateway().some((event) => event.id === lastId) ? true : undefined),
      'bot.finished on B',
    );
    expect(fromGateway()).toEqual(expected);

    // Reconnect to B with the last id seen: exactly the rest, nothing twice.
    const resumed: { id: string; event: string }[] = [];
    const secondStream = await fetch(`${b.url}/api/realtime/events`, {
      headers: {
        authorization: `Bearer ${token}`,
        'last-event-id': seenBeforeLeaving.at(-1) as string,
      },
    });
    const stopSecond = collectSse(secondStream.body as ReadableStream<Uint8Array>, resumed);
    await waitFor(
      () => (resumed.some((event) => event.id === lastId) ? true : undefined),
      'the resumed stream to reach bot.finished',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...seenBeforeLeaving, ...resumed.map((event) => event.id)]).toEqual(
      expected.map((event) => event.id),
    );
    await stopSecond();
    socket.close();
  }, 120_000);
});
