import { createTradewindClient } from '@tradewind/sdk';
import { loadConfig, type RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, PASSWORD } from '../support/clients.ts';
import { CurlSse, eventually, GatewayClient } from './stream-clients.ts';

// Streams re-check their credentials on every beat: short beats keep the test short.
const HEARTBEAT_MS = 500;

let server: RunningServer;
let clients: ReturnType<typeof clientsFor>;
let adminToken: string;

beforeAll(async () => {
  const defaults = loadConfig({ NODE_ENV: 'test' }).realtime;
  server = await startTestServer({
    adminEmail: 'rv-admin@example.com',
    realtime: { ...defaults, heartbeatMs: HEARTBEAT_MS },
  });
  clients = clientsFor(server);
  adminToken = (await clients.register('rv-admin@example.com')).accessToken;
}, 120_000);
afterAll(async () => {
  await server?.close();
}, 120_000);

/** A second signed-in session of `email`, so ending one leaves the others alone. */
async function signIn(email: string): Promise<string> {
  return (await clients.anonymous().auth.login.mutate({ login: email, password: PASSWORD }))
    .accessToken;
}

/** Waits until curl has exited: the server ended the stream. */
function curlExited(curl: CurlSse): Promise<void> {
  return eventually(
    () => (curl.child.exitCode !== null ? true : undefined),
    'the SSE stream to end',
  ).then(() => undefined);
}

describe('open streams end when their credentials are gone', () => {
  it('SSE opened with an API key: revoking the key ends it with an error event', async () => {
    const owner = clients.withToken((await clients.register('rv-sse@example.com')).accessToken);
    const { id, key } = await owner.apiKeys.create.mutate({
      name: 'dashboard',
      scopes: ['READ_ONLY'],
    });
    const other = await owner.apiKeys.create.mutate({ name: 'kept', scopes: ['READ_ONLY'] });
    const revoked = new CurlSse(`${server.url}/api/realtime/events?token=${key}`, {});
    const kept = new CurlSse(`${server.url}/api/realtime/events`, { 'x-api-key': other.key });
    try {
      await eventually(() => revoked.of('heartbeat')[0], 'a first heartbeat');
      await owner.apiKeys.revoke.mutate({ id });
      await curlExited(revoked);
      expect(revoked.of('error')).toEqual([
        {
          event: 'error',
          data: {
            code: 'AUTH_INVALID',
            message: 'Stream closed: API key has been revoked',
            timestamp: expect.any(String),
          },
        },
      ]);
      // The other key's stream goes on beating.
      const beats = kept.of('heartbeat').length;
      await eventually(() => kept.of('heartbeat')[beats + 1], 'more heartbeats on the kept key');
      expect(kept.child.exitCode).toBeNull();
    } finally {
      revoked.stop();
      kept.stop();
    }
  }, 60_000);

  it('the JSON gateway (access token): logging out closes it with auth_invalid and 1008', async () => {
    const email = 'rv-gateway@example.com';
    await clients.register(email);
    const token = await signIn(email);
    const otherSession = await signIn(email);
    const gateway = new GatewayClient(`${server.url.replace(/^http/, 'ws')}/api/ws?token=${token}`);
    const survivor = new GatewayClient(`${server.url.replace(/^http/, 'ws')}/api/ws`, {
      authorization: `Bearer ${otherSession}`,
    });
    await Promise.all([gateway.opened, survivor.opened]);
    try {
      await clients.withToken(token).auth.logout.mutate();
      expect(await gateway.closed).toEqual({ code: 1008, reason: 'credentials no longer valid' });
      expect(gateway.of('error')).toMatchObject([
        { code: 'auth_invalid', message: 'Connection closed: Session has ended; sign in again' },
      ]);
      const pings = survivor.of('ping').length;
      await eventually(() => survivor.of('ping')[pings + 1], 'the other session still pinged');
      expect(survivor.socket.readyState).toBe(survivor.socket.OPEN);
    } finally {
      gateway.close();
      survivor.close();
    }
  }, 60_000);

  it.each(['websocket', 'sse'] as const)(
    'a tRPC subscription over %s (access token): logging out ends it with UNAUTHORIZED',
    async (transport) => {
      const email = `rv-trpc-${transport}@example.com`;
      await clients.register(email);
      const token = await signIn(email);
      const client = createTradewindClient({
        url: server.url,
        subscriptions: transport,
        headers: () => ({ authorization: `Bearer ${token}` }),
      });
      const errors: { message: string; data?: { code?: string } }[] = [];
      const subscription = client.realtime.events.subscribe(
        {},
        { onError: (error) => errors.push(error as (typeof errors)[number]) },
      );
      try {
        const streams = () => server.deps.realtime.connections.stats().connectionsByTransport.trpc;
        await eventually(() => (streams() > 0 ? true : undefined), 'the subscription to open');
        await client.auth.logout.mutate();
        const error = await eventually(() => errors[0], 'the subscription to end');
        expect(error.data?.code).toBe('UNAUTHORIZED');
        expect(error.message).toBe('Subscription closed: Session has ended; sign in again');
        await eventually(() => (streams() === 0 ? true : undefined), 'the stream to be released');
      } finally {
        subscription.unsubscribe();
      }
    },
    60_000,
  );

  it('an account disabled by an admin loses its open streams', async () => {
    const registered = await clients.register('rv-disabled@example.com');
    const curl = new CurlSse(`${server.url}/api/realtime/events`, {
      authorization: `Bearer ${registered.accessToken}`,
    });
    try {
      await eventually(() => curl.of('heartbeat')[0], 'a first heartbeat');
      await clients
        .withToken(adminToken)
        .admin.users.disable.mutate({ userId: registered.user.id });
      await curlExited(curl);
      // Disabling ends the account's sessions too: either reason is the right one to give.
      expect(curl.of('error').map((event) => event.data)).toMatchObject([
        {
          code: 'AUTH_INVALID',
          message: expect.stringMatching(
            /^Stream closed: (This account is disabled|Session has ended; sign in again)$/,
          ),
        },
      ]);
    } finally {
      curl.stop();
    }
  }, 60_000);
});
