/**
 * `system.*` as seed 004's system routes: anyone may ask whether the server lives, but bot
 * counts are the caller's own (an admin's: everyone's), on `system.status` and the
 * system-notifications stream alike; every call spends a 60/minute budget and says so in
 * `X-RateLimit-*`, as does `/websocket/stats`, whose 429 is seed 004's body.
 */
import type { SystemNotification } from '@tradewind/core';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../realtime/stream-clients.ts';
import { clientsFor } from '../support/clients.ts';
import { type RawResponse, rawQuery } from '../support/raw-trpc.ts';

const START = { initialCash: 10_000, symbols: ['AAPL'], strategy: 'MovingAverage' };

describe('system.status and system notifications: whose bots are counted', () => {
  let server: RunningServer;
  let clients: ReturnType<typeof clientsFor>;
  let alice: string;
  let bob: string;
  let root: string;
  beforeAll(async () => {
    server = await startTestServer({ adminEmail: 'root@example.com' });
    clients = clientsFor(server);
    alice = (await clients.register('status-alice@example.com')).accessToken;
    bob = (await clients.register('status-bob@example.com')).accessToken;
    root = (await clients.register('root@example.com')).accessToken;
    await clients.withToken(alice).bots.create.mutate(START);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('tells anonymous callers only that the server lives', async () => {
    const status = await clients.anonymous().system.status.query();
    expect(status).toMatchObject({ status: 'operational', database: 'connected' });
    expect(status).not.toHaveProperty('botsTotal');
    expect(status).not.toHaveProperty('botsActive');
  });

  it("counts a user's own bots, and every bot for an admin", async () => {
    expect(await clients.withToken(alice).system.status.query()).toMatchObject({
      botsTotal: 1,
      botsActive: 1,
    });
    expect(await clients.withToken(bob).system.status.query()).toMatchObject({
      botsTotal: 0,
      botsActive: 0,
    });
    const all = await server.deps.db.prisma.bot.count();
    expect((await clients.withToken(root).system.status.query()).botsTotal).toBe(all);
  });

  it("streams a user's own counts in system notifications", async () => {
    const received: SystemNotification[] = [];
    const subscription = clients
      .withToken(bob)
      .realtime.systemNotifications.subscribe(
        { intervalSeconds: 1 },
        { onData: (notification) => received.push(notification) },
      );
    try {
      const first = await eventually(() => received[0], 'a system notification');
      expect(first).toMatchObject({ botsTotal: 0, botsActive: 0, tradingActive: false });
    } finally {
      subscription.unsubscribe();
    }
  });
});

function rateLimit(response: RawResponse | Response) {
  return {
    limit: Number(response.headers.get('x-ratelimit-limit')),
    remaining: Number(response.headers.get('x-ratelimit-remaining')),
  };
}

describe('system.* and /websocket/stats budgets (seed 004: 60/minute)', () => {
  let server: RunningServer;
  let clients: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    server = await startTestServer({ rateLimitScale: 1 });
    clients = clientsFor(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reports X-RateLimit-* on system calls and refuses the 61st with both retry headers', async () => {
    const { accessToken } = await clients.register('status-counted@example.com');
    const headers = { authorization: `Bearer ${accessToken}` };
    for (let call = 1; call <= 60; call++) {
      const path = call % 2 === 0 ? 'system.ping' : 'system.status';
      const response = await rawQuery(server.url, path, undefined, { headers });
      expect(response.status, `call ${call}`).toBe(200);
      expect(rateLimit(response)).toEqual({ limit: 60, remaining: 60 - call });
    }
    const refused = await rawQuery(server.url, 'system.ping', undefined, { headers });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('x-ratelimit-retry-after'))).toBe(retryAfter);
  });

  it('limits /websocket/stats, answering 429 with the seed 004 body', async () => {
    const { accessToken } = await clients.register('stats-counted@example.com');
    const { key } = await clients.withToken(accessToken).apiKeys.create.mutate({
      name: 'stats',
      scopes: ['READ_ONLY'],
    });
    const stats = () => fetch(`${server.url}/websocket/stats`, { headers: { 'x-api-key': key } });
    for (let call = 1; call <= 60; call++) {
      const response = await stats();
      expect(response.status, `call ${call}`).toBe(200);
      expect(rateLimit(response)).toMatchObject({ limit: 60 });
      await response.arrayBuffer();
    }
    const refused = await stats();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number(refused.headers.get('x-ratelimit-retry-after'))).toBe(retryAfter);
    const body = (await refused.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['error', 'limit', 'message', 'reset', 'retry_after']);
    expect(body).toMatchObject({
      error: 'rate_limit_exceeded',
      message: 'Too many requests',
      retry_after: retryAfter,
      limit: 60,
    });
  });
});
