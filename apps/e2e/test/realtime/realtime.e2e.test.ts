import type { AuthTokens, RealtimeEvent } from '@tradewind/core';
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import { loadConfig, type RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { clientsFor, rejection } from '../support/clients.ts';
import {
  CurlSse,
  eventually,
  GatewayClient,
  type GatewayMessage,
  refusedStatus,
} from './stream-clients.ts';

// Short enough to see beats in a test, long enough that a busy in-process server (PGlite) does
// not take its own stalls for a dead peer.
const HEARTBEAT_MS = 1000;

let server: RunningServer;
let wsBase: string;
let aliceToken: string;
let bobToken: string;
let alice: TradewindClient;

type Received = { id: string; data: RealtimeEvent };

/** An SDK subscription to `realtime.events` over the given transport, recording what arrives. */
function subscribeEvents(
  transport: 'websocket' | 'sse',
  token: string,
  input: Parameters<TradewindClient['realtime']['events']['subscribe']>[0] = {},
) {
  const client = createTradewindClient({
    url: server.url,
    subscriptions: transport,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  const received: Received[] = [];
  const errors: unknown[] = [];
  const subscription = client.realtime.events.subscribe(input, {
    onData: (tracked) => received.push(tracked as Received),
    onError: (error) => errors.push(error),
  });
  return { received, errors, unsubscribe: () => subscription.unsubscribe() };
}

/** The bot's outbox rows: the truth every stream must match, in order. */
async function outboxOf(botId: number) {
  const rows = await server.deps.db.prisma.outboxEvent.findMany({
    where: { botId },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({ id: row.id.toString(), type: row.type }));
}

/** Runs one bot through its whole life: started, at least three trades, stopped (finished). */
async function runBotLife(client: TradewindClient) {
  const bot = await client.bots.create.mutate({
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
    params: { fast: 2, slow: 4 },
  });
  const prisma = server.deps.db.prisma;
  const deadline = Date.now() + 30_000;
  while ((await prisma.trade.count({ where: { botId: bot.id } })) < 3) {
    if (Date.now() > deadline) throw new Error('the bot did not trade three times');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await client.bots.stop.mutate({ botId: bot.id });
  const expected = await outboxOf(bot.id);
  expect(expected[0]?.type).toBe('bot.started');
  expect(expected.at(-1)?.type).toBe('bot.finished');
  expect(expected.filter((event) => event.type === 'trade.executed').length).toBeGreaterThanOrEqual(
    3,
  );
  return { botId: bot.id, expected };
}

beforeAll(async () => {
  const defaults = loadConfig({ NODE_ENV: 'test' }).realtime;
  server = await startTestServer({
    simulatorBarMs: 10,
    realtime: { ...defaults, heartbeatMs: HEARTBEAT_MS, maxMessageBytes: 4096 },
  });
  wsBase = server.url.replace(/^http/, 'ws');
  const clients = clientsFor(server);
  const a: AuthTokens = await clients.register('rt-alice@example.com', 'Alice');
  const b: AuthTokens = await clients.register('rt-bob@example.com', 'Bob');
  aliceToken = a.accessToken;
  bobToken = b.accessToken;
  alice = clients.withToken(aliceToken);
});
afterAll(async () => {
  await server?.close();
});

describe('realtime: one bot life through every door', () => {
  it('the SDK over WebSocket and SSE, the raw JSON gateway and curl -N on SSE all see started, each trade and finished, in order; a resumed client gets exactly what it missed', async () => {
    const overWs = subscribeEvents('websocket', aliceToken);
    const overSse = subscribeEvents('sse', aliceToken);
    const gateway = new GatewayClient(`${wsBase}/api/ws?token=${aliceToken}`);
    await gateway.opened;
    const curl = new CurlSse(`${server.url}/api/realtime/events`, {
      authorization: `Bearer ${aliceToken}`,
    });
    // A client that leaves after the first event and comes back after the bot has finished.
    const leaver = subscribeEvents('sse', aliceToken);
    // Bob watches everything he can: nothing of Alice's may reach him.
    const bobGateway = new GatewayClient(`${wsBase}/api/ws`, {
      authorization: `Bearer ${bobToken}`,
    });
    await bobGateway.opened;
    bobGateway.send({ type: 'subscribe', topics: ['trading_updates', 'metrics', 'alerts'] });
    const bobSdk = subscribeEvents('websocket', bobToken);
    const bobCurl = new CurlSse(`${server.url}/api/realtime/events?token=${bobToken}`, {});
    await eventually(() => curl.of('overview_update')[0], 'the first SSE overview');
    await eventually(() => bobCurl.of('overview_update')[0], "Bob's first SSE overview");

    const { botId, expected } = await (async () => {
      const life = runBotLife(alice);
      await eventually(() => leaver.received[0], 'the first event for the leaver');
      leaver.unsubscribe();
      return life;
    })();
    const lastId = expected.at(-1)?.id;
    const done = (ids: string[]) => (ids.includes(lastId as string) ? true : undefined);

    // tRPC over WebSocket and SSE: the same events, same ids, same order as the outbox.
    for (const stream of [overWs, overSse]) {
      await eventually(() => done(stream.received.map((event) => event.id)), 'bot.finished');
      const mine = stream.received.filter((event) => event.data.botId === botId);
      expect(mine.map((event) => ({ id: event.id, type: event.data.type }))).toEqual(expected);
      expect(stream.errors).toEqual([]);
    }

    // The raw gateway: bot_update for started and finished, trade_executed for each trade.
    const gatewayEvents = () =>
      gateway.messages.filter((message) => typeof message.event_id === 'string');
    await eventually(
      () => done(gatewayEvents().map((message) => message.event_id as string)),
      'gateway bot.finished',
    );
    const shown = gatewayEvents().map((message: GatewayMessage) => ({
      id: message.event_id,
      type: message.type === 'bot_update' ? message.event : 'trade.executed',
    }));
    expect(shown).toEqual(expected);
    expect(gateway.of('trade_executed')[0]).toMatchObject({
      trade: { bot_id: String(botId), symbol: 'AAPL' },
    });
    expect(gateway.of('bot_update').at(-1)).toMatchObject({
      bot_id: String(botId),
      status: 'completed',
    });

    // curl -N on SSE: seed 003's event names, the outbox ids as SSE ids, proxy-friendly headers.
    await eventually(() => done(curl.events.flatMap((event) => event.id ?? [])), 'SSE finished');
    const sseShown = curl.events
      .filter((event) => event.id !== undefined)
      .map((event) => ({
        id: event.id,
        type:
          event.event === 'trade_update'
            ? 'trade.executed'
            : (event.data as { event: string }).event,
      }));
    expect(sseShown).toEqual(expected);
    expect(curl.events.filter((event) => event.id).map((event) => event.event)).toEqual(
      expected.map((event) => (event.type === 'trade.executed' ? 'trade_update' : 'bot_update')),
    );
    await eventually(() => curl.of('heartbeat')[1], 'two heartbeats');
    expect(
      curl.of('heartbeat').map((event) => (event.data as { counter: number }).counter),
    ).toEqual(curl.of('heartbeat').map((_, index) => index + 1));
    expect(curl.headers).toMatch(/content-type: text\/event-stream/i);
    expect(curl.headers).toMatch(/x-accel-buffering: no/i);
    expect(curl.headers).not.toMatch(/content-encoding/i);

    // The leaver resumes with its last event id: exactly the events it missed, nothing twice.
    const seen = leaver.received.map((event) => event.id);
    const resumed = subscribeEvents('sse', aliceToken, { lastEventId: seen.at(-1) as string });
    await eventually(() => done(resumed.received.map((event) => event.id)), 'the resumed tail');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...seen, ...resumed.received.map((event) => event.id)]).toEqual(
      expected.map((event) => event.id),
    );
    resumed.unsubscribe();

    // SSE resume with Last-Event-ID: the events after it, then live ones.
    const middle = expected[1]?.id as string;
    const curlResumed = new CurlSse(`${server.url}/api/realtime/events`, {
      authorization: `Bearer ${aliceToken}`,
      'last-event-id': middle,
    });
    await eventually(
      () => done(curlResumed.events.flatMap((event) => event.id ?? [])),
      'SSE replay after Last-Event-ID',
    );
    expect(curlResumed.events.flatMap((event) => event.id ?? [])).toEqual(
      expected.slice(2).map((event) => event.id),
    );
    curlResumed.stop();

    // Bob got heartbeats and his own (empty) overviews, never a byte about Alice's bot.
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 2));
    const aliceIds = expected.map((event) => event.id);
    expect(bobSdk.received).toEqual([]);
    expect(bobCurl.events.filter((event) => event.id !== undefined)).toEqual([]);
    for (const text of bobGateway.raw) {
      for (const id of aliceIds) expect(text).not.toContain(`"event_id":"${id}"`);
      expect(text).not.toContain(`"bot_id":"${botId}"`);
    }
    expect(bobGateway.of('metrics').length).toBeGreaterThan(0);
    for (const metrics of bobGateway.of('metrics')) {
      expect((metrics.data as { bots: unknown[] }).bots).toEqual([]);
    }
    for (const overview of bobCurl.of('overview_update')) {
      expect(overview.data).toMatchObject({ total_bots: 0, active_bots: 0 });
    }

    // Bob asking for Alice's bot by id, or for everyone's, is refused like a missing bot.
    const before = bobGateway.messages.length;
    bobGateway.send({ type: 'subscribe', bot_id: String(botId) });
    expect(await bobGateway.next((message) => message.type === 'error', before)).toMatchObject({
      code: 'not_found',
      message: `Bot ${botId} not found`,
    });
    // Over WebSocket a refused subscription ends with its error (SSE would keep reconnecting).
    const bob = createTradewindClient({
      url: server.url,
      subscriptions: 'websocket',
      headers: () => ({ authorization: `Bearer ${bobToken}` }),
    });
    const byBot = await rejection(
      new Promise((resolve, reject) => {
        bob.realtime.botUpdates.subscribe({ botId }, { onData: resolve, onError: reject });
      }),
    );
    expect(byBot.data?.code).toBe('NOT_FOUND');
    const wide = await rejection(
      new Promise((resolve, reject) => {
        bob.realtime.events.subscribe({ scope: 'all' }, { onData: resolve, onError: reject });
      }),
    );
    expect(wide.data?.code).toBe('FORBIDDEN');

    // Alice narrowing her gateway to her bot by id (seed 001's form): confirmed with the bot ids.
    const mark = gateway.messages.length;
    gateway.send({ type: 'subscribe', bot_id: String(botId) });
    expect(await gateway.next((message) => message.type === 'subscribed', mark)).toMatchObject({
      bot_ids: [botId],
      topics: expect.arrayContaining(['bot_updates', 'trades', 'alerts']),
    });
    gateway.send({ type: 'unsubscribe', bot_id: botId });
    expect(await gateway.next((message) => message.type === 'unsubscribed', mark)).toMatchObject({
      bot_ids: null,
      topics: ['trades', 'alerts'],
    });

    for (const stream of [overWs, overSse, bobSdk]) stream.unsubscribe();
    gateway.close();
    bobGateway.close();
    curl.stop();
    bobCurl.stop();
  }, 120_000);
});

describe('realtime: the JSON gateway protocol and its limits', () => {
  it('answers ping with pong, pings the client, confirms subscriptions, and reports stats', async () => {
    const gateway = new GatewayClient(`${wsBase}/ws/dashboard_001`, {
      authorization: `Bearer ${aliceToken}`,
    });
    await gateway.opened;
    expect(await gateway.next((message) => message.type === 'connected')).toMatchObject({
      session_id: 'dashboard_001',
      topics: [],
    });
    gateway.send({ type: 'ping', timestamp: '2025-10-06T10:30:15Z' });
    await gateway.next((message) => message.type === 'pong');
    await gateway.next((message) => message.type === 'ping');
    gateway.send({ type: 'subscribe', topics: ['system_status', 'trading_updates', 'alerts'] });
    expect(await gateway.next((message) => message.type === 'subscribed')).toMatchObject({
      topics: ['system_status', 'trading_updates', 'alerts'],
      bot_ids: null,
    });
    const status = await gateway.next((message) => message.type === 'system_status');
    expect(status.data).toMatchObject({ trading_active: expect.any(Boolean) });

    const stats = await alice.realtime.stats.query();
    expect(stats.activeSessions).toContain('dashboard_001');
    expect(stats.subscriptionStats.system_status).toBeGreaterThanOrEqual(1);
    expect(stats.connectionsByTransport.websocket).toBeGreaterThanOrEqual(1);
    const http = await fetch(`${server.url}/websocket/stats`, {
      headers: { authorization: `Bearer ${aliceToken}` },
    });
    expect(http.status).toBe(200);
    const body = (await http.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      total_connections: expect.any(Number),
      active_sessions: expect.arrayContaining(['dashboard_001']),
      subscription_stats: expect.objectContaining({ trading_updates: expect.any(Number) }),
      messages_sent_today: expect.any(Number),
      uptime_hours: expect.any(Number),
    });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/tradewind_realtime_connections\{transport="websocket"\} [1-9]/);
    expect(metrics).toMatch(/tradewind_realtime_messages_sent_total [1-9]/);
    gateway.close();
  });

  it('drops a peer that answers no ping within two heartbeats', async () => {
    const silent = new WebSocket(`${wsBase}/api/ws?token=${aliceToken}`, { autoPong: false });
    const closed = new Promise<number>((resolve) => silent.once('close', resolve));
    await new Promise((resolve) => silent.once('open', resolve));
    const openedAt = Date.now();
    // 1006: the server terminated the connection without a closing handshake.
    expect(await closed).toBe(1006);
    expect(Date.now() - openedAt).toBeLessThan(HEARTBEAT_MS * 5);
  });

  it('refuses a handshake without credentials, with bad ones, or from a foreign origin', async () => {
    expect(await refusedStatus(`${wsBase}/api/ws`)).toBe(401);
    expect(await refusedStatus(`${wsBase}/api/ws?token=not-a-token`)).toBe(401);
    expect(
      await refusedStatus(`${wsBase}/api/ws?token=${aliceToken}`, {
        origin: 'https://evil.example',
      }),
    ).toBe(403);
    const sse = await fetch(`${server.url}/api/realtime/events`);
    expect(sse.status).toBe(401);
  });

  it('answers bad messages with an error or a close and keeps serving', async () => {
    const gateway = new GatewayClient(`${wsBase}/api/ws?token=${aliceToken}`);
    await gateway.opened;
    gateway.send('this is not json');
    expect(await gateway.next((message) => message.type === 'error')).toMatchObject({
      code: 'invalid_json',
    });
    let from = gateway.messages.length;
    gateway.send({ type: 'launch_rockets' });
    expect(await gateway.next((message) => message.type === 'error', from)).toMatchObject({
      code: 'invalid_message',
    });
    from = gateway.messages.length;
    gateway.send({ type: 'subscribe', topics: ['no_such_topic'] });
    expect(await gateway.next((message) => message.type === 'error', from)).toMatchObject({
      code: 'invalid_message',
    });
    gateway.send({ type: 'subscribe', topics: ['alerts'], padding: 'x'.repeat(10_000) });
    expect(await gateway.closed).toMatchObject({ code: 1009 });

    // A frame past the transport's limit (1 MiB) is closed by the WebSocket layer itself.
    const huge = new GatewayClient(`${wsBase}/api/ws?token=${aliceToken}`);
    await huge.opened;
    huge.send('x'.repeat(2 * 1024 * 1024));
    expect((await huge.closed).code).toBe(1009);

    expect((await alice.system.ping.query()).pong).toBe(true);
  });
});

describe('realtime: per-user caps', () => {
  it('refuses streams past the per-user cap on every door, and subscriptions past the per-connection cap', async () => {
    const defaults = loadConfig({ NODE_ENV: 'test' }).realtime;
    const capped = await startTestServer({
      realtime: {
        ...defaults,
        maxConnectionsPerUser: 2,
        maxSubscriptions: 4,
        allowedOrigins: ['https://app.example'],
      },
    });
    try {
      const { accessToken } = await clientsFor(capped).register('rt-capped@example.com');
      const base = capped.url.replace(/^http/, 'ws');
      const first = new GatewayClient(`${base}/api/ws?token=${accessToken}`);
      // A browser on an allowed origin gets in; any other origin does not.
      const second = new GatewayClient(`${base}/ws/two?token=${accessToken}`, {
        origin: 'https://app.example',
      });
      await Promise.all([first.opened, second.opened]);
      expect(await refusedStatus(`${base}/api/ws?token=${accessToken}`)).toBe(429);
      const sse = await fetch(`${capped.url}/api/realtime/events?token=${accessToken}`);
      expect(sse.status).toBe(429);
      expect(await sse.json()).toMatchObject({ code: 'RATE_LIMIT' });
      const client = createTradewindClient({
        url: capped.url,
        subscriptions: 'websocket',
        headers: () => ({ authorization: `Bearer ${accessToken}` }),
      });
      const refused = await rejection(
        new Promise((resolve, reject) => {
          client.realtime.trades.subscribe({}, { onData: resolve, onError: reject });
        }),
      );
      expect(refused.data?.code).toBe('TOO_MANY_REQUESTS');

      // /api/ws starts with three topics; a fourth fits, a fifth does not.
      first.send({ type: 'subscribe', topics: ['system_status'] });
      await first.next((message) => message.type === 'subscribed');
      const from = first.messages.length;
      first.send({ type: 'subscribe', topics: ['metrics', 'alerts'] });
      expect(await first.next((message) => message.type === 'error', from)).toMatchObject({
        code: 'subscription_limit',
      });

      // A closed connection frees its place.
      first.close();
      await first.closed;
      const third = new GatewayClient(`${base}/api/ws?token=${accessToken}`);
      await third.opened;
      third.close();
      second.close();
    } finally {
      await capped.close();
    }
  }, 60_000);
});

describe('realtime: admins', () => {
  it("see only their own events by default and everyone's with scope 'all'", async () => {
    const withAdmin = await startTestServer({ adminEmail: 'rt-admin@example.com' });
    try {
      const clients = clientsFor(withAdmin);
      const admin = (await clients.register('rt-admin@example.com')).accessToken;
      const user = clients.withToken((await clients.register('rt-user@example.com')).accessToken);
      const adminClient = createTradewindClient({
        url: withAdmin.url,
        subscriptions: 'websocket',
        headers: () => ({ authorization: `Bearer ${admin}` }),
      });
      const own: unknown[] = [];
      const wide: Received[] = [];
      const mine = adminClient.realtime.events.subscribe({}, { onData: (item) => own.push(item) });
      const all = adminClient.realtime.events.subscribe(
        { scope: 'all' },
        { onData: (item) => wide.push(item as Received) },
      );
      const streams = () => withAdmin.deps.realtime.connections.stats().connectionsByTransport.trpc;
      await eventually(() => (streams() === 2 ? true : undefined), 'both admin streams');
      const bot = await user.bots.create.mutate({
        initialCash: 1_000,
        symbols: ['AAPL'],
        strategy: 'MovingAverage',
      });
      const started = await eventually(
        () => wide.find((item) => item.data.botId === bot.id),
        "the user's bot.started on the admin's wide stream",
      );
      expect(started.data.type).toBe('bot.started');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(own).toEqual([]);
      mine.unsubscribe();
      all.unsubscribe();
    } finally {
      await withAdmin.close();
    }
  }, 60_000);
});
