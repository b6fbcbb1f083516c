/**
 * Refresh tokens rotate on every use; presenting a used one after the retry grace window
 * revokes the whole family (the session), so a thief and the victim are both signed out. The
 * grace window is driven by moving `refresh_tokens.used_at` back, not by waiting.
 */
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousClient,
  clientWithToken,
  PASSWORD,
  registerUser,
  rejection,
} from '../support/clients.ts';

/** `REFRESH_RETRY_GRACE_MS` in the server's refresh.ts is 30 s. */
const BEYOND_GRACE_MS = 31_000;

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function refresh(refreshToken: string) {
  return anonymousClient(server).auth.refresh.mutate({ refreshToken });
}

/** Pretends the session's used refresh tokens were used `ms` ago. */
async function ageUsedTokens(sessionId: string, ms: number) {
  const moved = await server.deps.db.prisma.refreshToken.updateMany({
    where: { sessionId, usedAt: { not: null } },
    data: { usedAt: new Date(Date.now() - ms) },
  });
  expect(moved.count).toBeGreaterThan(0);
}

describe('refresh token rotation', () => {
  it('returns a new refresh token and a working access token on every use', async () => {
    const first = await registerUser(server, 'rotate');
    const second = await refresh(first.refreshToken);
    expect(second.refreshToken).toMatch(/^twr_/);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.sessionId).toBe(first.sessionId);
    expect((await clientWithToken(server, second.accessToken).auth.me.query()).id).toBe(
      first.user.id,
    );
    const third = await refresh(second.refreshToken);
    expect(new Set([first, second, third].map((tokens) => tokens.refreshToken)).size).toBe(3);
    // Only hashes are stored, one row per token of the family.
    const rows = await server.deps.db.prisma.refreshToken.findMany({
      where: { sessionId: first.sessionId },
    });
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toContain(first.refreshToken.slice(4));
  });

  it('answers a retry within the grace window with the same successor (a lost response)', async () => {
    const first = await registerUser(server, 'retry');
    const answered = await refresh(first.refreshToken);
    // The client never saw `answered` and tries again with the same token: same successor,
    // so the family does not fork into two live refresh tokens.
    const retried = await refresh(first.refreshToken);
    expect(retried.refreshToken).toBe(answered.refreshToken);
    expect(retried.sessionId).toBe(first.sessionId);
    const live = await server.deps.db.prisma.refreshToken.count({
      where: { sessionId: first.sessionId, usedAt: null },
    });
    expect(live).toBe(1);
    expect((await clientWithToken(server, retried.accessToken).auth.me.query()).id).toBe(
      first.user.id,
    );
    const session = await server.deps.db.prisma.session.findUniqueOrThrow({
      where: { id: first.sessionId },
    });
    expect(session.revokedAt).toBeNull();
  });

  it('revokes the whole family when a used token comes back after the grace window', async () => {
    const stolen = await registerUser(server, 'victim');
    const other = await anonymousClient(server).auth.login.mutate({
      login: 'victim@example.com',
      password: PASSWORD,
    });
    const rotated = await refresh(stolen.refreshToken);
    const newest = await refresh(rotated.refreshToken);
    await ageUsedTokens(stolen.sessionId, BEYOND_GRACE_MS);

    const reuse = await rejection(refresh(stolen.refreshToken));
    expect(reuse.data?.httpStatus).toBe(401);
    expect(reuse.message).toBe('Refresh token was already used; the session has been revoked');

    // The newest refresh token of the family is dead...
    const afterRevocation = await rejection(refresh(newest.refreshToken));
    expect(afterRevocation.data?.httpStatus).toBe(401);
    expect(afterRevocation.message).toBe('Invalid or expired refresh token');
    // ...and so is every access token of the session, on the very next call.
    for (const { accessToken } of [stolen, rotated, newest]) {
      const refused = await rejection(clientWithToken(server, accessToken).auth.me.query());
      expect(refused.data?.httpStatus).toBe(401);
      expect(refused.message).toBe('Session has ended; sign in again');
    }
    const session = await server.deps.db.prisma.session.findUniqueOrThrow({
      where: { id: stolen.sessionId },
    });
    expect(session.revokedReason).toBe('refresh token reuse');
    const audit = await server.deps.db.prisma.auditEntry.findMany({
      where: { action: 'auth.refresh_reuse', targetId: stolen.sessionId },
    });
    expect(audit).toHaveLength(1);

    // Another session (another family) of the same user is untouched.
    expect((await clientWithToken(server, other.accessToken).auth.me.query()).id).toBe(
      stolen.user.id,
    );
    expect((await refresh(other.refreshToken)).sessionId).toBe(other.sessionId);
  });

  it('revokes, never forks, when a replay in the window comes after the successor was used', async () => {
    const first = await registerUser(server, 'fork');
    const successor = await refresh(first.refreshToken);
    await refresh(successor.refreshToken);
    const replay = await rejection(refresh(first.refreshToken));
    expect(replay.data?.httpStatus).toBe(401);
    const session = await server.deps.db.prisma.session.findUniqueOrThrow({
      where: { id: first.sessionId },
    });
    expect(session.revokedReason).toBe('refresh token reuse');
  });

  it('treats a reuse inside the window as a retry, and one just past it as theft', async () => {
    const tokens = await registerUser(server, 'edge');
    await refresh(tokens.refreshToken);
    await ageUsedTokens(tokens.sessionId, 25_000);
    await expect(refresh(tokens.refreshToken)).resolves.toMatchObject({
      sessionId: tokens.sessionId,
    });
    await ageUsedTokens(tokens.sessionId, BEYOND_GRACE_MS);
    expect((await rejection(refresh(tokens.refreshToken))).data?.httpStatus).toBe(401);
  });

  it('refuses an expired refresh token and a token of a revoked session', async () => {
    const tokens = await registerUser(server, 'expiry');
    await server.deps.db.prisma.refreshToken.updateMany({
      where: { sessionId: tokens.sessionId },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    const expired = await rejection(refresh(tokens.refreshToken));
    expect(expired.data?.httpStatus).toBe(401);
    expect(expired.message).toBe('Invalid or expired refresh token');

    const loggedOut = await anonymousClient(server).auth.login.mutate({
      login: 'expiry@example.com',
      password: PASSWORD,
    });
    await clientWithToken(server, loggedOut.accessToken).auth.logout.mutate();
    expect((await rejection(refresh(loggedOut.refreshToken))).message).toBe(
      'Invalid or expired refresh token',
    );
  });
});
