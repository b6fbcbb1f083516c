import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import { loadConfig, type RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { CurlSse, eventually, GatewayClient } from './stream-clients.ts';

// What no answer may contain: Prisma's text, source paths, SQL type errors, stack frames.
const INTERNALS = /prisma|invocation|\.ts:\d|out of range|type integer|startsWith|at .*\(/i;
const BIG_EVENT_ID = '9999999999999999999';
const BIG_ID = 2_147_483_648;

let server: RunningServer;
let wsBase: string;
let aliceToken: string;
let bobToken: string;
let bobBotId: number;
let bobBacktestId: number;

beforeAll(async () => {
  const defaults = loadConfig({ NODE_ENV: 'test' }).realtime;
  server = await startTestServer({ realtime: { ...defaults, heartbeatMs: 1000 } });
  wsBase = server.url.replace(/^http/, 'ws');
  const clients = clientsFor(server);
  aliceToken = (await clients.register('se-alice@example.com')).accessToken;
  const bobTokens = await clients.register('se-bob@example.com');
  bobToken = bobTokens.accessToken;
  const bob = clients.withToken(bobToken);
  bobBotId = (
    await bob.bots.create.mutate({
      initialCash: 1_000,
      symbols: ['AAPL'],
      strategy: 'MovingAverage',
    })
  ).id;
  await bob.bots.stop.mutate({ botId: bobBotId });
  // A finished job of Bob's (its content does not matter: Alice may not even learn it exists).
  bobBacktestId = (
    await server.deps.db.prisma.backtest.create({
      data: {
        userId: bobTokens.user.id,
        kind: 'backtest',
        name: 'bob',
        status: 'CANCELLED',
        request: {},
      },
    })
  ).id;
}, 120_000);
afterAll(async () => {
  await server?.close();
}, 120_000);

type Handlers = { onData: (value: unknown) => void; onError: (error: unknown) => void };

/** The error a subscription ends with (tRPC over `transport`), and that nothing came first. */
async function streamFailure(
  transport: 'websocket' | 'sse',
  token: string,
  open: (client: TradewindClient, handlers: Handlers) => { unsubscribe(): void },
) {
  const client = createTradewindClient({
    url: server.url,
    subscriptions: transport,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  const received: unknown[] = [];
  const errors: unknown[] = [];
  const subscription = open(client, {
    onData: (value) => received.push(value),
    onError: (error) => errors.push(error),
  });
  const error = (await eventually(() => errors[0], 'the stream error', 30_000)) as {
    message: string;
    data?: { code?: string; domainCode?: string };
  };
  subscription.unsubscribe();
  expect(received).toEqual([]);
  expect(error.message).not.toMatch(INTERNALS);
  return { code: error.data?.code, domainCode: error.data?.domainCode, message: error.message };
}

describe('subscriptions: the same error mapping as queries', () => {
  it.each(['websocket', 'sse'] as const)(
    "over %s: a huge lastEventId, bot id or backtest id is a clear BAD_REQUEST; someone else's id is NOT_FOUND",
    async (transport) => {
      expect(
        await streamFailure(transport, aliceToken, (client, handlers) =>
          client.realtime.events.subscribe({ lastEventId: BIG_EVENT_ID }, handlers),
        ),
      ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('lastEventId') });
      expect(
        await streamFailure(transport, aliceToken, (client, handlers) =>
          client.realtime.performance.subscribe({ botId: BIG_ID }, handlers),
        ),
      ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('botId') });
      expect(
        await streamFailure(transport, aliceToken, (client, handlers) =>
          client.backtests.progress.subscribe({ backtestId: BIG_ID }, handlers),
        ),
      ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('backtestId') });
      expect(
        await streamFailure(transport, aliceToken, (client, handlers) =>
          client.realtime.performance.subscribe({ botId: bobBotId }, handlers),
        ),
      ).toMatchObject({ code: 'NOT_FOUND', domainCode: 'NOT_FOUND' });
      expect(
        await streamFailure(transport, aliceToken, (client, handlers) =>
          client.backtests.progress.subscribe({ backtestId: bobBacktestId }, handlers),
        ),
      ).toMatchObject({ code: 'NOT_FOUND', domainCode: 'NOT_FOUND' });
    },
    60_000,
  );
});

describe('raw streams: bad requests are refused cleanly', () => {
  it('refuses a repeated ?token= (and ?lastEventId=) with 400, credentials or not', async () => {
    for (const path of ['/api/realtime/events', '/api/ws', '/websocket/stats']) {
      for (const query of ['token=a&token=b', `token=${aliceToken}&token=${aliceToken}`]) {
        const response = await fetch(`${server.url}${path}?${query}`);
        const body = await response.text();
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expect(JSON.parse(body)).toMatchObject({
          code: 'VALIDATION_ERROR',
          error: 'Query parameter "token" must be given once',
        });
        expect(body).not.toMatch(INTERNALS);
      }
    }
    const response = await fetch(`${server.url}/api/realtime/events?lastEventId=1&lastEventId=2`, {
      headers: { authorization: `Bearer ${aliceToken}` },
    });
    expect(response.status).toBe(400);
  });

  it('answers an SSE Last-Event-ID out of range with an error event and keeps the stream open', async () => {
    const curl = new CurlSse(`${server.url}/api/realtime/events`, {
      authorization: `Bearer ${aliceToken}`,
      'last-event-id': BIG_EVENT_ID,
    });
    try {
      const error = await eventually(() => curl.of('error')[0], 'the error event');
      expect(error.data).toMatchObject({
        code: 'VALIDATION_ERROR',
        message: expect.stringContaining('Last-Event-ID'),
      });
      await eventually(() => curl.of('heartbeat')[0], 'a heartbeat after the error');
      expect(curl.child.exitCode).toBeNull();
    } finally {
      curl.stop();
    }
  }, 60_000);

  it('answers a gateway subscribe to an out-of-range bot id with an error message', async () => {
    const gateway = new GatewayClient(`${wsBase}/api/ws`, {
      authorization: `Bearer ${aliceToken}`,
    });
    await gateway.opened;
    try {
      for (const botId of [BIG_ID, String(BIG_ID)]) {
        const from = gateway.messages.length;
        gateway.send({ type: 'subscribe', bot_id: botId });
        const reply = await gateway.next((message) => message.type === 'error', from);
        expect(reply).toMatchObject({
          code: 'invalid_message',
          message: expect.stringContaining('bot'),
        });
        expect(reply.message).not.toMatch(INTERNALS);
      }
      const from = gateway.messages.length;
      gateway.send({ type: 'subscribe', bot_id: bobBotId });
      expect(await gateway.next((message) => message.type === 'error', from)).toMatchObject({
        code: 'not_found',
      });
    } finally {
      gateway.close();
    }
  }, 60_000);

  it('does not open SSE with an API key that is already rate-limited', async () => {
    const alice = clientsFor(server).withToken(aliceToken);
    const { key } = await alice.apiKeys.create.mutate({
      name: 'one call an hour',
      scopes: ['READ_ONLY'],
      rateLimitPerHour: 1,
    });
    await clientsFor(server).withApiKey(key).realtime.stats.query();
    const response = await fetch(`${server.url}/api/realtime/events?token=${key}`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await response.json()).toMatchObject({ code: 'RATE_LIMIT' });
  });
});
