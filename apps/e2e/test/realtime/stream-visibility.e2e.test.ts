import { randomUUID } from 'node:crypto';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { eventually, GatewayClient } from './stream-clients.ts';

let server: RunningServer;
let clients: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  server = await startTestServer({ adminEmail: 'vis-admin@example.com' });
  clients = clientsFor(server);
}, 120_000);
afterAll(async () => {
  await server?.close();
}, 120_000);

describe('realtime stats show a non-admin their own streams only', () => {
  it("/websocket/stats and realtime.stats: a READ_ONLY key sees its user's sessions, an admin everyone's", async () => {
    const admin = await clients.register('vis-admin@example.com');
    const alice = await clients.register('vis-alice@example.com');
    const bob = await clients.register('vis-bob@example.com');
    const wsBase = server.url.replace(/^http/, 'ws');
    // Seed 001's `/ws/{user_id}`: the session id is the user id.
    const aliceSocket = new GatewayClient(
      `${wsBase}/ws/${alice.user.id}?token=${alice.accessToken}`,
    );
    const bobSocket = new GatewayClient(`${wsBase}/ws/${bob.user.id}?token=${bob.accessToken}`);
    await Promise.all([aliceSocket.opened, bobSocket.opened]);
    try {
      const { key } = await clients
        .withToken(bob.accessToken)
        .apiKeys.create.mutate({ name: 'stats reader', scopes: ['READ_ONLY'] });
      const response = await fetch(`${server.url}/websocket/stats`, {
        headers: { 'x-api-key': key },
      });
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({
        total_connections: 1,
        active_sessions: [bob.user.id],
      });
      expect(body).not.toContain(alice.user.id);

      const viaTrpc = await clients.withApiKey(key).realtime.stats.query();
      expect(viaTrpc).toMatchObject({ totalConnections: 1, activeSessions: [bob.user.id] });
      expect(JSON.stringify(viaTrpc)).not.toContain(alice.user.id);

      const everyone = await clients.withToken(admin.accessToken).realtime.stats.query();
      expect([...everyone.activeSessions].sort()).toEqual([alice.user.id, bob.user.id].sort());
      const adminView = await fetch(`${server.url}/websocket/stats`, {
        headers: { authorization: `Bearer ${admin.accessToken}` },
      }).then((answer) => answer.json());
      expect(adminView).toMatchObject({ total_connections: 2 });
    } finally {
      aliceSocket.close();
      bobSocket.close();
      await Promise.all([aliceSocket.closed, bobSocket.closed]);
    }
  }, 60_000);
});

describe('/metrics cannot be grown by callers', () => {
  it('labels tRPC calls by known procedure only: made-up paths share one "unknown" label', async () => {
    const series = async () => {
      const text = await fetch(`${server.url}/metrics`).then((response) => response.text());
      return text.split('\n').filter((line) => line.startsWith('tradewind_trpc_calls_total{'));
    };
    await fetch(`${server.url}/trpc/system.ping`);
    const names = () => Array.from({ length: 300 }, () => `x${randomUUID().slice(0, 8)}`);
    await fetch(`${server.url}/trpc/${names().join(',')}?batch=1`);
    const before = await series();
    for (let request = 0; request < 20; request++) {
      const response = await fetch(`${server.url}/trpc/${names().join(',')}?batch=1`);
      expect(response.status).toBeLessThan(500);
    }
    const after = await series();
    expect(after.length).toBe(before.length);
    expect(after.some((line) => line.includes('path="system.ping"'))).toBe(true);
    const unknown = await eventually(
      () => after.find((line) => line.includes('path="unknown"')),
      'the unknown label',
    );
    expect(Number(unknown.split(' ').at(-1))).toBeGreaterThanOrEqual(21 * 300);
    expect(after.join('\n')).not.toMatch(/path="x[0-9a-f]{8}"/);
  }, 60_000);
});
