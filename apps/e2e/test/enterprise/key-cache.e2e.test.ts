/**
 * Enterprise REST calls authenticate once per request and API keys are cached per process, yet
 * every change to a key's standing (revocation, a plan downgrade, a disabled account, a role
 * change) is honoured on the very next call, because `credentials.changed` drops the cache.
 */
import type { AuthTokens } from '@tradewind/core';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { rest } from './support/enterprise-server.ts';

let server: RunningServer;
let clients: ReturnType<typeof clientsFor>;
let root: AuthTokens;

beforeAll(async () => {
  server = await startTestServer({ adminEmail: 'root@example.com' });
  clients = clientsFor(server);
  root = await clients.register('root@example.com', 'Root');
}, 120_000);
afterAll(async () => {
  await server?.close();
});

async function enterpriseUser(name: string, scopes: string[] = ['CONTROL']) {
  const tokens = await clients.register(`${name}@example.com`, name);
  const admin = clients.withToken(root.accessToken);
  await admin.admin.users.update.mutate({ userId: tokens.user.id, plan: 'enterprise' });
  const created = await clients
    .withToken(tokens.accessToken)
    .apiKeys.create.mutate({ name: `${name} key`, scopes: scopes as never });
  return { userId: tokens.user.id, key: created.key, keyId: created.id, tokens };
}

const stats = (key: string) => rest(server, 'GET', '/stats', { key });

describe('enterprise REST authentication', () => {
  it('looks the key up once per request, and from memory after the first', async () => {
    const user = await enterpriseUser('once');
    const lookups = vi.spyOn(server.deps.credentialCache, 'apiKey');
    const reads = vi.spyOn(server.deps.db.prisma.apiKey, 'findUnique');
    try {
      for (let call = 0; call < 5; call++) expect((await stats(user.key)).status).toBe(200);
      expect(lookups).toHaveBeenCalledTimes(5);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      lookups.mockRestore();
      reads.mockRestore();
    }
  });

  it('refuses a downgraded plan on the next call, and serves the upgrade at once', async () => {
    const user = await enterpriseUser('downgraded');
    const admin = clients.withToken(root.accessToken);
    expect((await stats(user.key)).status).toBe(200);
    await admin.admin.users.update.mutate({ userId: user.userId, plan: 'pro' });
    expect((await stats(user.key)).status).toBe(403);
    await admin.admin.users.update.mutate({ userId: user.userId, plan: 'enterprise' });
    expect((await stats(user.key)).status).toBe(200);
  });

  it('refuses a disabled account on the next call and accepts it again once enabled', async () => {
    const user = await enterpriseUser('disabled');
    const admin = clients.withToken(root.accessToken);
    expect((await stats(user.key)).status).toBe(200);
    await admin.admin.users.disable.mutate({ userId: user.userId });
    const refused = await stats(user.key);
    expect(refused.status).toBe(401);
    expect(refused.text).toMatch(/disabled/);
    await admin.admin.users.enable.mutate({ userId: user.userId });
    expect((await stats(user.key)).status).toBe(200);
  });

  it('refuses a key revoked through its parent on the next call', async () => {
    const user = await enterpriseUser('parent', ['CONTROL', 'apiKeys:manage']);
    const child = await clients
      .withApiKey(user.key)
      .apiKeys.create.mutate({ name: 'child', scopes: ['READ_ONLY'] });
    expect((await stats(child.key)).status).toBe(200);
    await clients.withToken(user.tokens.accessToken).apiKeys.revoke.mutate({ id: user.keyId });
    const refused = await stats(child.key);
    expect(refused.status).toBe(401);
    expect(refused.text).toMatch(/revoked/);
  });
});
