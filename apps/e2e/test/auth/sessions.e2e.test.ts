/**
 * Sessions: listed with device info and the current one marked; terminating one ends its
 * tokens on the very next call (every call checks the session, not just the token's expiry);
 * logout ends the current one; nobody can end someone else's session by guessing its id.
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
  rejection,
} from '../support/clients.ts';

const DESKTOP_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36';
const PHONE_AGENT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function loginAs(name: string, userAgent: string) {
  return anonymousClient(server, { 'user-agent': userAgent }).auth.login.mutate({
    login: `${name}@example.com`,
    password: PASSWORD,
  });
}

async function expectSessionEnded(accessToken: string) {
  const refused = await rejection(clientWithToken(server, accessToken).auth.me.query());
  expect(refused.data?.httpStatus).toBe(401);
  expect(refused.message).toBe('Session has ended; sign in again');
}

describe('sessions', () => {
  it('lists sessions with device info, marking the one the call came from', async () => {
    await registerUser(server, 'lister');
    const desktop = await loginAs('lister', DESKTOP_AGENT);
    // Device info the client reports wins over the header, except the address.
    const phone = await anonymousClient(server).auth.login.mutate({
      login: 'lister@example.com',
      password: PASSWORD,
      deviceInfo: { userAgent: PHONE_AGENT, ipAddress: '203.0.113.9' },
    });

    const sessions = await clientWithToken(server, desktop.accessToken).auth.sessions.list.query();
    expect(sessions).toHaveLength(3);
    const current = sessions.filter((session) => session.current);
    expect(current.map((session) => session.id)).toEqual([desktop.sessionId]);
    expect(current[0]?.deviceInfo).toEqual({
      ipAddress: '127.0.0.1',
      userAgent: DESKTOP_AGENT,
      deviceType: 'desktop',
    });
    expect(sessions.find((session) => session.id === phone.sessionId)?.deviceInfo).toEqual({
      ipAddress: '127.0.0.1',
      userAgent: PHONE_AGENT,
      deviceType: 'mobile',
    });
    // Seen from another session, that one is the current one.
    const fromPhone = await clientWithToken(server, phone.accessToken).auth.sessions.list.query();
    expect(fromPhone.filter((session) => session.current).map((session) => session.id)).toEqual([
      phone.sessionId,
    ]);
  });

  it('ends a terminated session on its very next call, leaving the others working', async () => {
    await registerUser(server, 'terminator');
    const laptop = await loginAs('terminator', DESKTOP_AGENT);
    const lost = await loginAs('terminator', PHONE_AGENT);
    const lostClient = clientWithToken(server, lost.accessToken);
    expect((await lostClient.auth.me.query()).email).toBe('terminator@example.com');

    await expect(
      clientWithToken(server, laptop.accessToken).auth.sessions.terminate.mutate({
        sessionId: lost.sessionId,
      }),
    ).resolves.toEqual({ success: true, message: 'Session terminated successfully' });

    // The access token has a day left, yet it fails now; so does the refresh token.
    await expectSessionEnded(lost.accessToken);
    const refreshed = await rejection(
      anonymousClient(server).auth.refresh.mutate({ refreshToken: lost.refreshToken }),
    );
    expect(refreshed.data?.httpStatus).toBe(401);

    const remaining = await clientWithToken(server, laptop.accessToken).auth.sessions.list.query();
    expect(remaining.map((session) => session.id)).not.toContain(lost.sessionId);
    expect((await clientWithToken(server, laptop.accessToken).auth.me.query()).email).toBe(
      'terminator@example.com',
    );
    // A second termination of the same session finds nothing to end.
    const again = await rejection(
      clientWithToken(server, laptop.accessToken).auth.sessions.terminate.mutate({
        sessionId: lost.sessionId,
      }),
    );
    expect(again.data?.httpStatus).toBe(404);
  });

  it('logs out the current session only', async () => {
    await registerUser(server, 'leaver');
    const leaving = await loginAs('leaver', DESKTOP_AGENT);
    const staying = await loginAs('leaver', PHONE_AGENT);
    await expect(
      clientWithToken(server, leaving.accessToken).auth.logout.mutate(),
    ).resolves.toMatchObject({ success: true, message: 'Successfully logged out' });
    await expectSessionEnded(leaving.accessToken);
    expect(
      (
        await rejection(
          anonymousClient(server).auth.refresh.mutate({ refreshToken: leaving.refreshToken }),
        )
      ).data?.httpStatus,
    ).toBe(401);
    expect((await clientWithToken(server, staying.accessToken).auth.me.query()).email).toBe(
      'leaver@example.com',
    );
  });

  it("does not let user A end user B's session: NOT_FOUND, and B keeps working", async () => {
    const alice = await registerUser(server, 'session-alice');
    const bob = await registerUser(server, 'session-bob');
    const attempt = await rejection(
      clientWithToken(server, alice.accessToken).auth.sessions.terminate.mutate({
        sessionId: bob.sessionId,
      }),
    );
    expect(attempt.data?.httpStatus).toBe(404);
    expect(attempt.message).toBe('Session not found');
    // Indistinguishable from an id that does not exist at all.
    const unknown = await rejection(
      clientWithToken(server, alice.accessToken).auth.sessions.terminate.mutate({
        sessionId: crypto.randomUUID(),
      }),
    );
    expect(unknown.message).toBe(attempt.message);

    expect((await clientWithToken(server, bob.accessToken).auth.me.query()).id).toBe(bob.user.id);
    const bobSession = await server.deps.db.prisma.session.findUniqueOrThrow({
      where: { id: bob.sessionId },
    });
    expect(bobSession.revokedAt).toBeNull();
    // Nor can A see B's sessions.
    const aliceSessions = await clientWithToken(
      server,
      alice.accessToken,
    ).auth.sessions.list.query();
    expect(aliceSessions.map((session) => session.id)).toEqual([alice.sessionId]);
  });

  it('keeps sessions from API keys unless a key is granted sessions:manage by name', async () => {
    const owner = await registerUser(server, 'session-keys');
    const keys = clientWithToken(server, owner.accessToken).apiKeys;
    const reader = await keys.create.mutate({ name: 'reader', scopes: ['READ_ONLY'] });
    const named = await keys.create.mutate({ name: 'default' });
    for (const key of [reader.key, named.key]) {
      const client = clientWithApiKey(server, key);
      const listed = await rejection(client.auth.sessions.list.query());
      expect(listed.data?.httpStatus).toBe(403);
      expect(listed.message).toBe('Permission denied: needs sessions:manage');
      const ended = await rejection(
        client.auth.sessions.terminate.mutate({ sessionId: owner.sessionId }),
      );
      expect(ended.data?.httpStatus).toBe(403);
    }
    expect((await clientWithToken(server, owner.accessToken).auth.me.query()).id).toBe(
      owner.user.id,
    );

    const manager = await keys.create.mutate({
      name: 'session manager',
      scopes: ['READ_ONLY', 'sessions:manage'],
    });
    const sessions = await clientWithApiKey(server, manager.key).auth.sessions.list.query();
    expect(sessions.map((session) => session.id)).toEqual([owner.sessionId]);
  });
});
