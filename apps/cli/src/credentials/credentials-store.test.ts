import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsStore, type StoredSession } from './credentials-store.ts';

const session: StoredSession = {
  accessToken: 'access',
  refreshToken: 'refresh',
  accessTokenExpiresAt: '2026-01-01T00:00:00.000Z',
  sessionId: '00000000-0000-4000-8000-000000000000',
  email: 'sam@example.com',
};

let parent: string;
let store: CredentialsStore;
beforeEach(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'tradewind-credentials-'));
  store = new CredentialsStore(path.join(parent, 'config', 'tradewind'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

describe('CredentialsStore', () => {
  it('reads nothing before the first write', async () => {
    expect(await store.profile('default')).toBeUndefined();
  });

  it('writes profiles to a 0600 file in a 0700 directory, leaving no temporary files', async () => {
    await store.updateProfile('default', () => ({ url: 'http://a', session }));
    await store.updateProfile('staging', () => ({ url: 'http://b' }));
    expect(await store.profile('default')).toEqual({ url: 'http://a', session });
    expect(await store.profile('staging')).toEqual({ url: 'http://b' });
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect((await stat(store.directory)).mode & 0o777).toBe(0o700);
    expect(await readdir(store.directory)).toEqual(['credentials.json']);
  });

  it('removes a session but keeps the server URL, and deletes a profile on undefined', async () => {
    await store.updateProfile('default', () => ({ url: 'http://a', session }));
    await store.removeSession('default');
    expect(await store.profile('default')).toEqual({ url: 'http://a' });
    await store.updateProfile('default', () => undefined);
    expect(await store.profile('default')).toBeUndefined();
  });

  it('names a damaged file instead of overwriting it', async () => {
    await store.updateProfile('default', () => ({ url: 'http://a' }));
    for (const damaged of ['{', '{"version":1,"profiles":{"x":{"url":1}}}', '[]']) {
      await writeFile(store.file, damaged);
      await expect(store.profile('default')).rejects.toThrow(
        `the credentials file ${store.file} is damaged; delete it and sign in again`,
      );
    }
  });
});
