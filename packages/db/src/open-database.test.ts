import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  freePort,
  type TestDatabase,
  testDatabaseDialect,
} from '@tradewind/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrationFiles } from './migration-files.ts';
import { type Database, openDatabase } from './open-database.ts';

const migrationNames = (await readMigrationFiles()).map((file) => file.name);
const dialect = testDatabaseDialect();

/** A logger that remembers which migrations it was told about. */
function recordingLogger() {
  const applied: string[] = [];
  return {
    applied,
    info(obj: object) {
      if ('migration' in obj) applied.push(String(obj.migration));
    },
    warn() {},
  };
}

describe('openDatabase', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  function track<T extends Pick<Database, 'close'>>(db: T): T {
    cleanups.push(() => db.close());
    return db;
  }

  it('reads and writes through Prisma, with schema defaults', async () => {
    const db = track(await createTestDatabase());
    expect(db.dialect).toBe(dialect);
    const user = await db.prisma.user.create({
      data: { email: 'alpha@example.com', firstName: 'Alpha', passwordHash: 'x' },
    });
    const bot = await db.prisma.bot.create({
      data: {
        userId: user.id,
        name: 'alpha',
        strategy: 'MovingAverage',
        initialCash: 10_000,
        currentCash: 10_000,
      },
    });
    expect(bot).toMatchObject({ name: 'alpha', status: 'CREATED', mode: 'PAPER', timeframe: '1m' });
    expect(bot.initialCash.toString()).toBe('10000');
    expect(bot.createdAt).toBeInstanceOf(Date);

    await db.prisma.systemConfig.create({ data: { key: 'limits', value: { max: 3, on: true } } });
    const config = await db.prisma.systemConfig.findUniqueOrThrow({ where: { key: 'limits' } });
    expect(config.value).toEqual({ max: 3, on: true });
  });

  it('gives every test its own database', async () => {
    const a = track(await createTestDatabase());
    const b = track(await createTestDatabase());
    await a.prisma.systemConfig.create({ data: { key: 'only-in-a', value: true } });
    expect(await a.prisma.systemConfig.count()).toBe(1);
    expect(await b.prisma.systemConfig.count()).toBe(0);
  });

  it('pings, and reports false instead of throwing once closed', async () => {
    const db = await createTestDatabase();
    expect(await db.ping()).toBe(true);
    await db.close();
    await db.close(); // idempotent
    expect(await db.ping()).toBe(false);
  });

  it('ping is false when the PostgreSQL server is unreachable', async () => {
    const port = await freePort();
    const db = track(
      await openDatabase({
        databaseUrl: `postgresql://nobody@127.0.0.1:${port}/nowhere?connect_timeout=2`,
        migrate: false,
      }),
    );
    expect(db.dialect).toBe('postgresql');
    expect(await db.ping()).toBe(false);
  });

  it.runIf(dialect === 'pglite')(
    'keeps PGlite data in dataDir across close and reopen',
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'tradewind-open-'));
      cleanups.push(() => rm(root, { recursive: true, force: true }));
      const dataDir = join(root, 'nested', 'pglite'); // created if missing

      const first = recordingLogger();
      const db = await openDatabase({ dataDir, logger: first });
      expect(db.dialect).toBe('pglite');
      expect(first.applied).toEqual(migrationNames);
      await db.prisma.systemConfig.create({ data: { key: 'persisted', value: 'ACTIVE' } });
      await db.close();

      const second = recordingLogger();
      const reopened = track(await openDatabase({ dataDir, logger: second }));
      expect(second.applied).toEqual([]);
      expect(
        await reopened.prisma.systemConfig.findMany({ select: { key: true, value: true } }),
      ).toEqual([{ key: 'persisted', value: 'ACTIVE' }]);
    },
  );

  it.runIf(dialect === 'pglite')('opens an in-memory PGlite with memory://', async () => {
    const db = track(await openDatabase({ dataDir: 'memory://' }));
    expect(await db.prisma.bot.count()).toBe(0);
  });

  it.runIf(dialect === 'postgresql')(
    'migrates PostgreSQL at databaseUrl and keeps data across close and reopen',
    async () => {
      const empty: TestDatabase = track(await createTestDatabase({ empty: true }));
      const databaseUrl = empty.databaseUrl ?? '';

      const first = recordingLogger();
      const db = await openDatabase({ databaseUrl, logger: first });
      expect(first.applied).toEqual(migrationNames);
      await db.prisma.systemConfig.create({ data: { key: 'persisted', value: 1 } });
      await db.close();

      const second = recordingLogger();
      const reopened = track(await openDatabase({ databaseUrl, logger: second }));
      expect(second.applied).toEqual([]);
      expect(await reopened.prisma.systemConfig.count()).toBe(1);
    },
  );
});
