import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTokenSession,
  createTradewindClient,
  isTradewindClientError,
  type SessionTokens,
  sessionTokensFrom,
} from '../src/index.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

let registered = 0;
/** A new user, signed in: the tokens `auth.register` returned. */
async function signedInUser(): Promise<{ email: string; tokens: SessionTokens }> {
  registered += 1;
  const email = `session-${registered}@example.com`;
  const issued = await createTradewindClient({ url: server.url }).auth.register.mutate({
    email,
    password: 'correct horse 42',
    firstName: 'Sam',
  });
  return { email, tokens: sessionTokensFrom(issued) };
}

/** An access token for the session that the server itself signed, but a day in the past. */
async function expiredAccessToken(tokens: SessionTokens): Promise<string> {
  const me = await createTradewindClient({
    url: server.url,
    headers: () => ({ authorization: `Bearer ${tokens.accessToken}` }),
  }).auth.me.query();
  return server.deps.accessTokens.sign(
    { userId: me.id, sessionId: tokens.sessionId },
    new Date(Date.now() - 2 * 86_400_000),
  );
}

/** A client signed in through a token session, recording every pair handed to `onTokens`. */
function sessionClient(tokens: SessionTokens) {
  const saved: SessionTokens[] = [];
  const session = createTokenSession({
    url: server.url,
    tokens,
    onTokens: (next) => {
      saved.push(next);
    },
  });
  const client = createTradewindClient({
    url: server.url,
    headers: session.headers,
    fetch: session.fetch,
  });
  return { session, client, saved };
}

describe('createTokenSession', () => {
  it('sessionTokensFrom dates the expiry from the answer', () => {
    const tokens = sessionTokensFrom(
      { accessToken: 'a', refreshToken: 'r', expiresIn: 60, sessionId: 's' },
      new Date('2026-01-01T00:00:00.000Z'),
    );
    expect(tokens).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      accessTokenExpiresAt: '2026-01-01T00:01:00.000Z',
      sessionId: 's',
    });
  });

  it('uses a fresh access token as it is, without refreshing', async () => {
    const { email, tokens } = await signedInUser();
    const { client, saved } = sessionClient(tokens);
    expect((await client.auth.me.query()).email).toBe(email);
    expect(saved).toEqual([]);
  });

  it('refreshes before the call when the access token is about to expire', async () => {
    const { email, tokens } = await signedInUser();
    const { client, session, saved } = sessionClient({
      ...tokens,
      accessTokenExpiresAt: new Date(Date.now() + 5_000).toISOString(),
    });
    expect((await client.auth.me.query()).email).toBe(email);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.refreshToken).not.toBe(tokens.refreshToken);
    expect(saved[0]?.sessionId).toBe(tokens.sessionId);
    expect(Date.parse(saved[0]?.accessTokenExpiresAt ?? '')).toBeGreaterThan(Date.now());
    expect(session.tokens()).toEqual(saved[0]);
    // The rotated pair keeps working, with no further refresh.
    await client.auth.sessions.list.query();
    expect(saved).toHaveLength(1);
  });

  it('refreshes once and retries when the server says the access token expired', async () => {
    const { email, tokens } = await signedInUser();
    // The stored expiry says "fresh", the token itself is not: as with a clock that runs behind.
    const stale = { ...tokens, accessToken: await expiredAccessToken(tokens) };
    const { client, saved } = sessionClient(stale);
    const [me, sessions] = await Promise.all([
      client.auth.me.query(),
      client.auth.sessions.list.query(),
    ]);
    expect(me.email).toBe(email);
    expect(sessions.find((session) => session.current)?.id).toBe(tokens.sessionId);
    expect(saved).toHaveLength(1);
  });

  it('shares one refresh between concurrent callers', async () => {
    const { tokens } = await signedInUser();
    const { session, saved } = sessionClient({ ...tokens, accessTokenExpiresAt: 'unknown' });
    const headers = await Promise.all([session.headers(), session.headers(), session.refresh()]);
    expect(saved).toHaveLength(1);
    expect(headers[0]).toEqual({ authorization: `Bearer ${saved[0]?.accessToken}` });
    expect(headers[1]).toEqual(headers[0]);
  });

  it('fails the call with the server error when the session has ended', async () => {
    const { tokens } = await signedInUser();
    await createTradewindClient({
      url: server.url,
      headers: () => ({ authorization: `Bearer ${tokens.accessToken}` }),
    }).auth.logout.mutate();
    const { client, saved } = sessionClient({
      ...tokens,
      accessTokenExpiresAt: new Date(0).toISOString(),
    });
    const error = await client.auth.me.query().catch((caught: unknown) => caught);
    expect(isTradewindClientError(error)).toBe(true);
    if (!isTradewindClientError(error)) return;
    expect(error.data?.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe('Invalid or expired refresh token');
    expect(saved).toEqual([]);
  });

  it('does not retry a 401 that refreshing cannot fix', async () => {
    const { tokens } = await signedInUser();
    const { client, saved } = sessionClient({ ...tokens, accessToken: 'not-a-jwt' });
    const error = await client.auth.me.query().catch((caught: unknown) => caught);
    expect(isTradewindClientError(error) && error.message).toBe('Invalid access token');
    expect(saved).toEqual([]);
  });
});
