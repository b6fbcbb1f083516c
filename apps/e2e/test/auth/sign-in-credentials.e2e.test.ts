/**
 * Signing in needs no identity, so whatever credentials a client still sends with it (a stale
 * access token, a revoked key, a working key) are not read: they neither block the sign-in nor
 * buy it a budget of its own. Login attempts are limited per address (and per account, by the
 * lockout), whatever else is sent.
 */
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousClient,
  clientWithApiKey,
  clientWithToken,
  PASSWORD,
  registerUser,
} from '../support/clients.ts';
import { rawMutation } from '../support/raw-trpc.ts';

describe('credentials sent with sign-in calls', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('signs in despite a stale access token or a revoked key in the headers', async () => {
    const first = await registerUser(server, 'stale');
    await clientWithToken(server, first.accessToken).auth.logout.mutate();
    const login = { login: 'stale@example.com', password: PASSWORD };
    // The signed-out session's token, and garbage: both ignored.
    for (const token of [first.accessToken, 'not-a-token']) {
      const tokens = await clientWithToken(server, token).auth.login.mutate(login);
      expect(tokens.user.email).toBe('stale@example.com');
    }
    const again = await anonymousClient(server).auth.login.mutate(login);
    const { id, key } = await clientWithToken(server, again.accessToken).apiKeys.create.mutate({
      name: 'old',
    });
    await clientWithToken(server, again.accessToken).apiKeys.revoke.mutate({ id });
    const viaKey = await clientWithApiKey(server, key).auth.login.mutate(login);
    expect(viaKey.user.email).toBe('stale@example.com');
    // Refreshing is the same: the refresh token is the credential.
    const refreshed = await clientWithToken(server, 'expired.jwt.token').auth.refresh.mutate({
      refreshToken: viaKey.refreshToken,
    });
    expect(refreshed.sessionId).toBe(viaKey.sessionId);
  });
});

describe('login budget per address (seed 004 budgets)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimitScale: 1 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('spends one budget of 10 a minute per address, whatever key or token comes along', async () => {
    // Registering spends the first attempt of 127.0.0.1.
    const owner = await registerUser(server, 'budget');
    const keys = await Promise.all(
      ['one', 'two', 'three'].map(async (name) => {
        const created = await clientWithToken(server, owner.accessToken).apiKeys.create.mutate({
          name,
        });
        return created.key;
      }),
    );
    const senders: Record<string, string>[] = [
      ...keys.map((key) => ({ 'x-api-key': key })),
      { authorization: `Bearer ${owner.accessToken}` },
      {},
    ];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await rawMutation(
        server.url,
        'auth.login',
        { login: 'nobody@example.com', password: 'wrong password 1' },
        { headers: senders[attempt % senders.length] },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses.slice(9)).toEqual([429, 429, 429]);
  });
});
