import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, freePort } from '@tradewind/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, stopServer, waitForHealth } from './support/server-process.ts';

const migrationsDir = fileURLToPath(
  new URL('../../../packages/db/prisma/migrations', import.meta.url),
);

describe('two server processes on one empty PostgreSQL', () => {
  const database = createTestDatabase({ empty: true });
  afterAll(async () => {
    await (await database).close();
  });

  it('start at the same moment and apply every migration exactly once', async () => {
    const { databaseUrl, prisma } = await database;
    if (!databaseUrl) throw new Error('this suite runs on PostgreSQL only');
    const servers = await Promise.all(
      [1, 2].map(async () =>
        spawnServer({ PORT: String(await freePort()), DATABASE_URL: databaseUrl }),
      ),
    );
    try {
      const healths = await Promise.all(servers.map((server) => waitForHealth(server)));
      for (const health of healths) {
        expect(health).toMatchObject({
          status: 'ok',
          database: { connected: true, dialect: 'postgresql' },
        });
      }
    } finally {
      const codes = await Promise.all(servers.map(stopServer));
      expect(codes).toEqual([0, 0]);
    }

    const expected = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const applied = await prisma.$queryRaw<Array<{ migration_name: string; finished: boolean }>>`
      SELECT migration_name, finished_at IS NOT NULL AS finished
      FROM _prisma_migrations ORDER BY migration_name`;
    expect(applied.map((row) => row.migration_name)).toEqual(expected);
    expect(applied.every((row) => row.finished)).toBe(true);
  });
});
