import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@tradewind/db';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, stopServer, waitForHealth } from './support/server-process.ts';

async function status(url: string): Promise<{ botsTotal: number }> {
  const response = await fetch(`${url}/trpc/system.status`);
  const body = (await response.json()) as { result: { data: { json: { botsTotal: number } } } };
  return body.result.data.json;
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
    expect((await status(first.url)).botsTotal).toBe(0);
    expect(await stopServer(first)).toBe(0);

    // Write through the database directly while no server holds it (there is no bot API yet).
    const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    const user = await db.prisma.user.create({
      data: { email: 'keeper@example.com', firstName: 'Keeper', passwordHash: 'x' },
    });
    await db.prisma.bot.create({
      data: {
        userId: user.id,
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
    expect(await status(second.url)).toMatchObject({ botsTotal: 1, botsActive: 0 });
    expect(await stopServer(second)).toBe(0);
  });
});
