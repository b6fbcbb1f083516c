import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@tradewind/db';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, stopServer, waitForHealth } from './support/server-process.ts';

type Json = { result: { data: { json: Record<string, unknown> } } };

async function trpc(url: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${url}/trpc/${path}`, init);
  return ((await response.json()) as Json).result.data.json;
}

/** `system.status` as `accessToken`'s user: bot counts are the caller's own. */
function status(url: string, accessToken: string) {
  return trpc(url, 'system.status', { headers: { authorization: `Bearer ${accessToken}` } });
}

/** Signs up (or in) the keeper account over HTTP; returns its user id and access token. */
async function keeper(url: string, procedure: 'auth.register' | 'auth.login') {
  const credentials =
    procedure === 'auth.register'
      ? { email: 'keeper@example.com', password: 'correct horse 42', firstName: 'Keeper' }
      : { login: 'keeper@example.com', password: 'correct horse 42' };
  const tokens = (await trpc(url, procedure, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: credentials }),
  })) as { accessToken: string; user: { id: string } };
  return { userId: tokens.user.id, accessToken: tokens.accessToken };
}

describe('server process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-process-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to start on a bad env value, naming the variable in one line', async () => {
    const server = spawnServer({ PORT: 'abc', TRADEWIND_DATA_DIR: dataDir });
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(1);
    expect(server.stderr().trim().split('\n')).toHaveLength(1);
    expect(server.stderr()).toMatch(/PORT: .*\(got "abc"\)/);
  });

  it('keeps embedded data across a graceful stop and a new start', async () => {
    const env = { PORT: String(await freePort()), TRADEWIND_DATA_DIR: dataDir };
    const first = spawnServer(env);
    expect(await waitForHealth(first)).toMatchObject({
      status: 'ok',
      database: { connected: true, dialect: 'pglite' },
    });
    const registered = await keeper(first.url, 'auth.register');
    expect((await status(first.url, registered.accessToken)).botsTotal).toBe(0);
    expect(await stopServer(first)).toBe(0);

    // Write through the database directly while no server holds it.
    const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    await db.prisma.bot.create({
      data: {
        userId: registered.userId,
        name: 'kept across restarts',
        status: 'COMPLETED',
        strategy: 'MovingAverage',
        initialCash: 10_000,
        currentCash: 10_000,
      },
    });
    await db.close();

    const second = spawnServer(env);
    await waitForHealth(second);
    const signedIn = await keeper(second.url, 'auth.login');
    expect(await status(second.url, signedIn.accessToken)).toMatchObject({
      botsTotal: 1,
      botsActive: 0,
    });
    expect(await stopServer(second)).toBe(0);
  });
});
