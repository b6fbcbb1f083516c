import { randomUUID } from 'node:crypto';
import type { AuthTokens } from '@tradewind/core';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure, PASSWORD } from '../support/clients.ts';

let server: RunningServer;
let clients: ReturnType<typeof clientsFor>;
let root: AuthTokens;
let alice: AuthTokens;

beforeAll(async () => {
  server = await startTestServer({ adminEmail: 'root@example.com' });
  clients = clientsFor(server);
  root = await clients.register('root@example.com', 'Root');
  alice = await clients.register('alice@example.com', 'Alice');
});
afterAll(async () => {
  await server?.close();
});

const admin = () => clients.withToken(root.accessToken);

describe('admin: who may', () => {
  it('makes the configured admin email an admin and nobody else', () => {
    expect(root.user.role).toBe('admin');
    expect(alice.user.role).toBe('trader');
  });

  it('refuses every admin procedure to a non-admin, by session or by key (403)', async () => {
    const { key } = await clients
      .withToken(alice.accessToken)
      .apiKeys.create.mutate({ name: 'alice', scopes: ['CONTROL'] });
    for (const client of [clients.withToken(alice.accessToken), clients.withApiKey(key)]) {
      for (const [call, permission] of [
        [() => client.admin.users.list.query(), 'users:manage'],
        [
          () => client.admin.users.update.mutate({ userId: root.user.id, role: 'viewer' }),
          'users:manage',
        ],
        [() => client.admin.users.disable.mutate({ userId: root.user.id }), 'users:manage'],
        [() => client.admin.users.enable.mutate({ userId: root.user.id }), 'users:manage'],
        [() => client.admin.audit.list.query(), 'audit:read'],
      ] as const) {
        expect(await failure(call())).toMatchObject({
          status: 403,
          code: 'PERMISSION_DENIED',
          message: `Permission denied: needs ${permission}`,
        });
      }
    }
    expect(await failure(clients.anonymous().admin.users.list.query())).toMatchObject({
      status: 401,
    });
    expect(
      await server.deps.db.prisma.user.findUniqueOrThrow({ where: { id: root.user.id } }),
    ).toMatchObject({ role: 'ADMIN', disabledAt: null });
  });
});

describe('admin: users', () => {
  it('lists users without any password or 2FA material, even in the raw JSON', async () => {
    // Give Alice 2FA material at rest, so there is something that must not leak.
    await clients.withToken(alice.accessToken).auth.twoFactor.enroll.mutate();
    const users = await admin().admin.users.list.query();
    expect(users.map((user) => user.email)).toEqual(
      expect.arrayContaining(['root@example.com', 'alice@example.com']),
    );
    expect(users.find((user) => user.id === alice.user.id)).toMatchObject({
      role: 'trader',
      plan: 'free',
      disabled: false,
      twoFactorEnabled: false,
    });
    expect((await admin().admin.users.list.query({ search: 'ALICE' })).map((u) => u.id)).toEqual([
      alice.user.id,
    ]);

    const response = await fetch(`${server.url}/trpc/admin.users.list`, {
      headers: { authorization: `Bearer ${root.accessToken}` },
    });
    expect(response.status).toBe(200);
    const raw = await response.text();
    expect(raw).toContain('alice@example.com');
    expect(raw).not.toMatch(/password|argon2|totp|secret|failedLogin|lockedUntil/i);
    const stored = await server.deps.db.prisma.user.findUniqueOrThrow({
      where: { id: alice.user.id },
    });
    expect(stored.totpSecretEncrypted).not.toBeNull();
    expect(raw).not.toContain(stored.passwordHash);
    expect(raw).not.toContain(stored.totpSecretEncrypted);
  });

  it('changes role, plan and bot limit, effective on the user’s very next call', async () => {
    const aliceClient = clients.withToken(alice.accessToken);
    expect((await aliceClient.auth.me.query()).permissions).toContain('bots:control');
    const updated = await admin().admin.users.update.mutate({
      userId: alice.user.id,
      role: 'analyst',
      plan: 'pro',
      activeBotLimit: 5,
    });
    expect(updated).toMatchObject({ role: 'analyst', plan: 'pro', activeBotLimit: 5 });
    const me = await aliceClient.auth.me.query();
    expect(me).toMatchObject({ role: 'analyst', plan: 'pro', activeBotLimit: 5 });
    expect(me.permissions).not.toContain('bots:control');

    await admin().admin.users.update.mutate({ userId: alice.user.id, role: 'trader' });
    expect((await aliceClient.auth.me.query()).role).toBe('trader');
  });

  it('refuses bad updates: unknown user (404), nothing to change, unknown role (400)', async () => {
    expect(
      await failure(admin().admin.users.update.mutate({ userId: randomUUID(), plan: 'pro' })),
    ).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'User not found' });
    expect(
      await failure(admin().admin.users.update.mutate({ userId: alice.user.id })),
    ).toMatchObject({ status: 400 });
    const badRole = await failure(
      admin().admin.users.update.mutate({ userId: alice.user.id, role: 'god' as 'admin' }),
    );
    expect(badRole.status).toBe(400);
    expect(badRole.message).toMatch(/role/);
  });

  it('never leaves the product without an enabled admin', async () => {
    expect(
      await failure(admin().admin.users.update.mutate({ userId: root.user.id, role: 'trader' })),
    ).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(
      await failure(admin().admin.users.disable.mutate({ userId: root.user.id })),
    ).toMatchObject({ status: 409, message: 'You cannot disable your own account' });

    // With a second admin, one may step down; the remaining one then may not.
    const carol = await clients.register('carol@example.com', 'Carol');
    await admin().admin.users.update.mutate({ userId: carol.user.id, role: 'admin' });
    const asCarol = clients.withToken(carol.accessToken);
    await asCarol.admin.users.update.mutate({ userId: root.user.id, role: 'trader' });
    expect(
      await failure(asCarol.admin.users.update.mutate({ userId: carol.user.id, role: 'viewer' })),
    ).toMatchObject({
      status: 409,
      message: 'Cannot demote the last admin; make another admin first',
    });
    await asCarol.admin.users.update.mutate({ userId: root.user.id, role: 'admin' });
    expect((await admin().auth.me.query()).role).toBe('admin');

    // Two admins demoting each other at the same moment: exactly one of them wins.
    const outcomes = await Promise.allSettled([
      admin().admin.users.update.mutate({ userId: carol.user.id, role: 'trader' }),
      asCarol.admin.users.update.mutate({ userId: root.user.id, role: 'trader' }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const admins = await server.deps.db.prisma.user.findMany({ where: { role: 'ADMIN' } });
    expect(admins).toHaveLength(1);
    if (admins[0]?.id !== root.user.id) {
      await asCarol.admin.users.update.mutate({ userId: root.user.id, role: 'admin' });
    }
  });

  it('disables a user: their token, refresh token and keys stop at once; enabling restores keys', async () => {
    const dave = await clients.register('dave@example.com', 'Dave');
    const { key } = await clients
      .withToken(dave.accessToken)
      .apiKeys.create.mutate({ name: 'dave', scopes: ['READ_ONLY'] });
    expect((await clients.withApiKey(key).auth.me.query()).id).toBe(dave.user.id);

    const disabled = await admin().admin.users.disable.mutate({ userId: dave.user.id });
    expect(disabled).toMatchObject({ id: dave.user.id, disabled: true });
    for (const call of [
      () => clients.withToken(dave.accessToken).auth.me.query(),
      () => clients.withApiKey(key).auth.me.query(),
      () => clients.withApiKey(key, 'bearer').auth.me.query(),
    ]) {
      expect(await failure(call())).toMatchObject({ status: 401, code: 'AUTH_INVALID' });
    }
    expect(
      await failure(clients.anonymous().auth.refresh.mutate({ refreshToken: dave.refreshToken })),
    ).toMatchObject({ status: 401 });
    expect(
      await failure(
        clients.anonymous().auth.login.mutate({ login: 'dave@example.com', password: PASSWORD }),
      ),
    ).toMatchObject({ status: 403, message: 'This account is disabled' });
    const sessions = await server.deps.db.prisma.session.findMany({
      where: { userId: dave.user.id },
    });
    expect(sessions.every((session) => session.revokedAt !== null)).toBe(true);

    // Disabling twice changes nothing.
    expect(await admin().admin.users.disable.mutate({ userId: dave.user.id })).toMatchObject({
      disabled: true,
    });

    expect(await admin().admin.users.enable.mutate({ userId: dave.user.id })).toMatchObject({
      disabled: false,
    });
    expect((await clients.withApiKey(key).auth.me.query()).id).toBe(dave.user.id);
    // Sessions ended by the disable stay ended; signing in again works.
    expect(await failure(clients.withToken(dave.accessToken).auth.me.query())).toMatchObject({
      status: 401,
    });
    const again = await clients
      .anonymous()
      .auth.login.mutate({ login: 'dave@example.com', password: PASSWORD });
    expect((await clients.withToken(again.accessToken).auth.me.query()).id).toBe(dave.user.id);
  });
});

describe('admin: audit trail', () => {
  it('shows key creation and revocation and role changes, with actor and ip, newest first', async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const aliceClient = clients.withToken(alice.accessToken);
    const created = await aliceClient.apiKeys.create.mutate({ name: 'audited' });
    await aliceClient.apiKeys.revoke.mutate({ id: created.id });
    await admin().admin.users.update.mutate({ userId: alice.user.id, role: 'viewer' });
    await admin().admin.users.update.mutate({ userId: alice.user.id, role: 'trader' });

    const entries = await admin().admin.audit.list.query({ since });
    const actions = entries.map((entry) => entry.action);
    expect(actions.slice(0, 4)).toEqual([
      'admin.user_updated',
      'admin.user_updated',
      'api_key.revoked',
      'api_key.created',
    ]);
    const times = entries.map((entry) => Date.parse(entry.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const keyCreated = entries.find(
      (entry) => entry.action === 'api_key.created' && entry.targetId === created.id,
    );
    expect(keyCreated).toMatchObject({
      actorUserId: alice.user.id,
      targetType: 'api_key',
      ipAddress: expect.stringMatching(/127\.0\.0\.1/),
      metadata: { name: 'audited', prefix: created.prefix },
    });
    expect(JSON.stringify(entries)).not.toContain(created.key);
    expect(
      entries.find((entry) => entry.action === 'api_key.revoked' && entry.targetId === created.id),
    ).toMatchObject({ actorUserId: alice.user.id, ipAddress: expect.any(String) });

    const demoted = entries.find(
      (entry) =>
        entry.action === 'admin.user_updated' &&
        (entry.metadata?.after as { role?: string } | undefined)?.role === 'viewer',
    );
    expect(demoted).toMatchObject({
      actorUserId: root.user.id,
      targetType: 'user',
      targetId: alice.user.id,
      ipAddress: expect.stringMatching(/127\.0\.0\.1/),
      metadata: { before: { role: 'trader' }, after: { role: 'viewer' } },
    });
  });

  it('filters by actor and action, and limits', async () => {
    const byAlice = await admin().admin.audit.list.query({ actorUserId: alice.user.id });
    expect(byAlice.length).toBeGreaterThan(0);
    expect(byAlice.every((entry) => entry.actorUserId === alice.user.id)).toBe(true);
    const disables = await admin().admin.audit.list.query({ action: 'admin.user_disabled' });
    expect(disables.length).toBeGreaterThan(0);
    expect(disables[0]).toMatchObject({
      actorUserId: root.user.id,
      metadata: { before: { disabled: false }, after: { disabled: true } },
    });
    expect(await admin().admin.audit.list.query({ limit: 2 })).toHaveLength(2);
    expect(
      await admin().admin.audit.list.query({ since: new Date(Date.now() + 60_000).toISOString() }),
    ).toEqual([]);
    expect(await failure(admin().admin.audit.list.query({ since: 'yesterday' }))).toMatchObject({
      status: 400,
    });
  });
});
