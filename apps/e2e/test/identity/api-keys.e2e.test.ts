import { createHash, randomUUID } from 'node:crypto';
import {
  API_KEY_LEVEL_PERMISSIONS,
  type AuthTokens,
  DEFAULT_API_KEY_PERMISSIONS,
} from '@tradewind/core';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';

let server: RunningServer;
let clients: ReturnType<typeof clientsFor>;
let alice: AuthTokens;
let bob: AuthTokens;
let root: AuthTokens;

beforeAll(async () => {
  server = await startTestServer({ adminEmail: 'root@example.com' });
  clients = clientsFor(server);
  alice = await clients.register('alice@example.com', 'Alice');
  bob = await clients.register('bob@example.com', 'Bob');
  root = await clients.register('root@example.com', 'Root');
});
afterAll(async () => {
  await server?.close();
});

const READ_ONLY = [...API_KEY_LEVEL_PERMISSIONS.READ_ONLY].sort();
/** What a key created with only a name holds: seed 000's full enterprise access. */
const ENTERPRISE_DEFAULT = [...DEFAULT_API_KEY_PERMISSIONS].sort();

describe('API keys: create, use, list, revoke', () => {
  it('creates a key shown once, stores only its hash, and authenticates with it both ways', async () => {
    const created = await clients
      .withToken(alice.accessToken)
      .apiKeys.create.mutate({ name: 'Production dashboard' });
    expect(created.key).toMatch(/^twk_[A-Za-z0-9_-]{40}$/);
    expect(created.secret).toMatch(/^tws_[A-Za-z0-9_-]+$/);
    expect(created).toMatchObject({
      name: 'Production dashboard',
      prefix: created.key.slice(0, 8),
      rateLimitPerHour: 1000,
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
      enabled: true,
    });
    expect([...created.scopes].sort()).toEqual(ENTERPRISE_DEFAULT);

    // Only the hash and the encrypted secret are kept.
    const row = await server.deps.db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(server.deps.secretBox.decrypt(row.secretEncrypted)).toBe(created.secret);

    for (const via of ['x-api-key', 'bearer'] as const) {
      const me = await clients.withApiKey(created.key, via).auth.me.query();
      expect(me.id).toBe(alice.user.id);
      // A key holds its scopes, not everything its owner may do.
      expect([...me.permissions].sort()).toEqual(ENTERPRISE_DEFAULT);
    }

    const listed = await clients.withToken(alice.accessToken).apiKeys.list.query();
    const summary = listed.find((key) => key.id === created.id);
    expect(summary).toMatchObject({ prefix: created.key.slice(0, 8), enabled: true });
    expect(summary?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.key.slice(8));
    expect(JSON.stringify(listed)).not.toMatch(/secret|hash/i);

    const revoked = await clients
      .withToken(alice.accessToken)
      .apiKeys.revoke.mutate({ id: created.id });
    expect(revoked).toMatchObject({ id: created.id, enabled: false });
    expect(revoked.revokedAt).not.toBeNull();
    for (const via of ['x-api-key', 'bearer'] as const) {
      expect(await failure(clients.withApiKey(created.key, via).auth.me.query())).toMatchObject({
        status: 401,
        message: 'API key has been revoked',
      });
    }
    // Revoking again changes nothing; the list keeps the key, disabled.
    expect(
      await clients.withToken(alice.accessToken).apiKeys.revoke.mutate({ id: created.id }),
    ).toMatchObject({ enabled: false, revokedAt: revoked.revokedAt });
    expect(
      (await clients.withToken(alice.accessToken).apiKeys.list.query()).find(
        (key) => key.id === created.id,
      ),
    ).toMatchObject({ enabled: false });
  });

  it('refuses scopes beyond the creator’s permissions, naming them, and creates nothing', async () => {
    const before = await server.deps.db.prisma.apiKey.count();
    const level = await failure(
      clients
        .withToken(alice.accessToken)
        .apiKeys.create.mutate({ name: 'too much', scopes: ['ADMIN'] }),
    );
    expect(level).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(level.message).toBe(
      'scopes: beyond your own permissions: ADMIN (config:write, users:manage, audit:read)',
    );
    const single = await failure(
      clients
        .withToken(alice.accessToken)
        .apiKeys.create.mutate({ name: 'too much', scopes: ['bots:read', 'system:admin'] }),
    );
    expect(single).toMatchObject({
      status: 400,
      message: 'scopes: beyond your own permissions: system:admin',
    });
    expect(await server.deps.db.prisma.apiKey.count()).toBe(before);
  });

  it('refuses malformed input with the field named', async () => {
    const client = clients.withToken(alice.accessToken);
    const unknownScope = await failure(
      client.apiKeys.create.mutate({ name: 'x', scopes: ['everything' as 'READ_ONLY'] }),
    );
    expect(unknownScope).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(unknownScope.message).toMatch(/scopes/);
    const noName = await failure(client.apiKeys.create.mutate({ name: '  ' }));
    expect(noName.message).toMatch(/name/);
    const badId = await failure(client.apiKeys.revoke.mutate({ id: 'key_123' }));
    expect(badId).toMatchObject({ status: 400 });
    expect(badId.message).toMatch(/id/);
  });

  it('lets a READ_ONLY key read but not manage keys (403)', async () => {
    const { key } = await clients
      .withToken(alice.accessToken)
      .apiKeys.create.mutate({ name: 'reader', scopes: ['READ_ONLY'] });
    const reader = clients.withApiKey(key);
    expect((await reader.auth.me.query()).id).toBe(alice.user.id);
    // Thunks, so each call starts only when awaited (no rejection is left unhandled).
    for (const call of [
      () => reader.apiKeys.create.mutate({ name: 'child' }),
      () => reader.apiKeys.list.query(),
      () => reader.apiKeys.revoke.mutate({ id: randomUUID() }),
    ]) {
      expect(await failure(call())).toMatchObject({
        status: 403,
        code: 'PERMISSION_DENIED',
        message: 'Permission denied: needs apiKeys:manage',
      });
    }
  });

  it('lets a key with apiKeys:manage create keys only within its own scope, limit and expiry', async () => {
    const parent = await clients.withToken(alice.accessToken).apiKeys.create.mutate({
      name: 'key manager',
      scopes: ['READ_ONLY', 'apiKeys:manage'],
      rateLimitPerHour: 200,
      expiresInDays: 2,
    });
    const manager = clients.withApiKey(parent.key);
    const child = await manager.apiKeys.create.mutate({
      name: 'child',
      scopes: ['READ_ONLY'],
      expiresInDays: 30,
    });
    // Capped by the parent: no higher hourly limit, no longer life.
    expect(child.rateLimitPerHour).toBe(200);
    expect(child.expiresAt).toBe(parent.expiresAt);
    expect((await clients.withApiKey(child.key).auth.me.query()).id).toBe(alice.user.id);

    // CONTROL is within Alice's role but beyond the parent key's own scopes.
    expect(
      await failure(manager.apiKeys.create.mutate({ name: 'bigger', scopes: ['CONTROL'] })),
    ).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    // A trader cannot mint seed 004's SUPER_ADMIN keys at all.
    expect(
      await failure(
        clients
          .withToken(alice.accessToken)
          .apiKeys.create.mutate({ name: 'super', scopes: ['SUPER_ADMIN'] }),
      ),
    ).toMatchObject({ status: 400 });
  });

  it('gives a key created with only a name no more than its creator holds', async () => {
    // A viewer-like key creating a key: the default is capped by the creating key's scopes.
    const manager = await clients.withToken(alice.accessToken).apiKeys.create.mutate({
      name: 'reading manager',
      scopes: ['READ_ONLY', 'apiKeys:manage'],
    });
    const child = await clients.withApiKey(manager.key).apiKeys.create.mutate({ name: 'child' });
    expect([...child.scopes].sort()).toEqual(READ_ONLY);
  });

  it('revokes the keys a key created (and theirs) when that key is revoked', async () => {
    const owner = clients.withToken(root.accessToken);
    const parent = await owner.apiKeys.create.mutate({ name: 'parent', scopes: ['SUPER_ADMIN'] });
    const child = await clients
      .withApiKey(parent.key)
      .apiKeys.create.mutate({ name: 'child', scopes: ['SUPER_ADMIN'] });
    const grandchild = await clients
      .withApiKey(child.key)
      .apiKeys.create.mutate({ name: 'grandchild', scopes: ['READ_ONLY'] });
    const sibling = await owner.apiKeys.create.mutate({ name: 'sibling', scopes: ['READ_ONLY'] });

    await owner.apiKeys.revoke.mutate({ id: parent.id });
    for (const key of [parent, child, grandchild]) {
      expect(await failure(clients.withApiKey(key.key).auth.me.query())).toMatchObject({
        status: 401,
        message: 'API key has been revoked',
      });
    }
    // Keys the person created directly are not the revoked key's descendants.
    expect((await clients.withApiKey(sibling.key).auth.me.query()).id).toBe(root.user.id);
  });

  it('lets an admin’s SUPER_ADMIN key manage keys', async () => {
    const superKey = await clients
      .withToken(root.accessToken)
      .apiKeys.create.mutate({ name: 'super', scopes: ['SUPER_ADMIN'] });
    const viaKey = clients.withApiKey(superKey.key, 'bearer');
    const made = await viaKey.apiKeys.create.mutate({ name: 'made by a key', scopes: ['CONTROL'] });
    expect((await viaKey.apiKeys.list.query()).map((key) => key.id)).toContain(made.id);
    expect(await viaKey.apiKeys.revoke.mutate({ id: made.id })).toMatchObject({ enabled: false });
  });

  it('refuses an expired key with 401 "expired" and lists it as not enabled', async () => {
    const created = await clients
      .withToken(alice.accessToken)
      .apiKeys.create.mutate({ name: 'short-lived', expiresInDays: 1 });
    const expiresIn = Date.parse(created.expiresAt ?? '') - Date.now();
    expect(expiresIn).toBeGreaterThan(86_400_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(86_400_000);
    expect((await clients.withApiKey(created.key).auth.me.query()).id).toBe(alice.user.id);

    await server.deps.db.prisma.apiKey.update({
      where: { id: created.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    // Edited behind the services' back: tell the process, as `credentials.changed` would.
    server.deps.credentialCache.forget(alice.user.id);
    const expired = await failure(clients.withApiKey(created.key).auth.me.query());
    expect(expired).toMatchObject({ status: 401, code: 'AUTH_INVALID' });
    expect(expired.message).toMatch(/expired/);
    const listed = await clients.withToken(alice.accessToken).apiKeys.list.query();
    expect(listed.find((key) => key.id === created.id)).toMatchObject({
      enabled: false,
      revokedAt: null,
    });
  });
});

describe('API keys: one user cannot reach another’s', () => {
  it('answers NOT_FOUND for another user’s key id, exactly as for a missing one', async () => {
    const bobsKey = await clients
      .withToken(bob.accessToken)
      .apiKeys.create.mutate({ name: 'bob’s key', scopes: ['READ_ONLY'] });
    const aliceManager = await clients
      .withToken(alice.accessToken)
      .apiKeys.create.mutate({ name: 'alice manager', scopes: ['READ_ONLY', 'apiKeys:manage'] });

    // Every id-taking procedure, as Alice's session and as Alice's key.
    for (const asAlice of [
      clients.withToken(alice.accessToken),
      clients.withApiKey(aliceManager.key),
    ]) {
      const foreign = await failure(asAlice.apiKeys.revoke.mutate({ id: bobsKey.id }));
      const missing = await failure(asAlice.apiKeys.revoke.mutate({ id: randomUUID() }));
      expect(foreign).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
        message: 'API key not found',
      });
      expect(missing).toEqual(foreign);
      const listed = await asAlice.apiKeys.list.query();
      expect(listed.map((key) => key.id)).not.toContain(bobsKey.id);
    }

    // Bob's key is untouched and still works.
    const row = await server.deps.db.prisma.apiKey.findUniqueOrThrow({ where: { id: bobsKey.id } });
    expect(row.revokedAt).toBeNull();
    expect((await clients.withApiKey(bobsKey.key).auth.me.query()).id).toBe(bob.user.id);
  });
});
