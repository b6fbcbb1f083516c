import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase, testDatabaseDialect } from '@tradewind/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from './migrate.ts';
import { MigrationError } from './migration-error.ts';
import { defaultMigrationsDir, migrationChecksum, readMigrationFiles } from './migration-files.ts';
import { openDatabase } from './open-database.ts';

type Row = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const files = await readMigrationFiles();
const names = files.map((file) => file.name);

async function recorded(db: TestDatabase): Promise<Row[]> {
  return db.prisma.$queryRawUnsafe<Row[]>(
    'SELECT * FROM _prisma_migrations ORDER BY migration_name, started_at',
  );
}

describe('applyMigrations', () => {
  let db: TestDatabase;
  let scratch: string | undefined;
  beforeEach(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterEach(async () => {
    await db.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  /** A copy of the real migrations folder the test may tamper with. */
  async function scratchMigrations(): Promise<string> {
    scratch = await mkdtemp(join(tmpdir(), 'tradewind-migrations-'));
    await cp(defaultMigrationsDir, scratch, { recursive: true });
    return scratch;
  }

  it('applies every migration in name order and records it as Prisma does', async () => {
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(await applyMigrations(db.migrationTarget)).toEqual(names);

    const rows = await recorded(db);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const file = await readFile(join(defaultMigrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(migrationChecksum(file));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    // The schema is really there.
    await db.prisma.systemConfig.create({ data: { key: 'after migrate', value: true } });
  });

  it('applies nothing the second time', async () => {
    await applyMigrations(db.migrationTarget);
    const before = await recorded(db);
    expect(await applyMigrations(db.migrationTarget)).toEqual([]);
    expect(await recorded(db)).toEqual(before);
  });

  it('applies only the pending ones', async () => {
    const dir = await scratchMigrations();
    const [last] = names.slice(-1);
    await rm(join(dir, last ?? ''), { recursive: true });
    expect(await applyMigrations(db.migrationTarget, { migrationsDir: dir })).toEqual(
      names.slice(0, -1),
    );
    expect(await applyMigrations(db.migrationTarget)).toEqual([last]);
  });

  it('refuses a migration whose recorded checksum differs, naming it', async () => {
    await applyMigrations(db.migrationTarget);
    const [first] = names;
    await db.prisma.$executeRawUnsafe(
      `UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1`,
      first,
    );
    const error = await applyMigrations(db.migrationTarget).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'CHECKSUM_MISMATCH', migrationName: first });
    expect((error as Error).message).toContain(`Migration "${first}" was modified after it was`);
  });

  it('refuses a migration file edited after it was applied', async () => {
    const dir = await scratchMigrations();
    await applyMigrations(db.migrationTarget, { migrationsDir: dir });
    const [, second] = names;
    await writeFile(join(dir, second ?? '', 'migration.sql'), '-- edited\nSELECT 1;\n');
    await expect(applyMigrations(db.migrationTarget, { migrationsDir: dir })).rejects.toThrow(
      `Migration "${second}" was modified after it was applied`,
    );
  });

  it('accepts the same file with CRLF line endings', async () => {
    const dir = await scratchMigrations();
    await applyMigrations(db.migrationTarget, { migrationsDir: dir });
    for (const name of names) {
      const path = join(dir, name, 'migration.sql');
      await writeFile(path, (await readFile(path, 'utf8')).replace(/\n/g, '\r\n'));
    }
    expect(await applyMigrations(db.migrationTarget, { migrationsDir: dir })).toEqual([]);
  });

  it('refuses to start over a migration that was started and never finished', async () => {
    await applyMigrations(db.migrationTarget);
    const [, second] = names;
    await db.prisma.$executeRawUnsafe(
      `UPDATE _prisma_migrations SET finished_at = NULL, logs = 'boom' WHERE migration_name = $1`,
      second,
    );
    await expect(applyMigrations(db.migrationTarget)).rejects.toMatchObject({
      code: 'UNFINISHED_MIGRATION',
      migrationName: second,
      message: expect.stringContaining(`prisma migrate resolve --rolled-back ${second}`),
    });
  });

  it('re-applies a migration marked rolled back', async () => {
    const dir = await scratchMigrations();
    const [first, ...later] = names;
    for (const name of later) await rm(join(dir, name), { recursive: true });
    await applyMigrations(db.migrationTarget, { migrationsDir: dir });
    // What a manual clean-up plus `prisma migrate resolve --rolled-back` leaves behind.
    await db.prisma.$executeRawUnsafe('UPDATE _prisma_migrations SET rolled_back_at = now()');
    await db.prisma.$executeRawUnsafe('DROP TABLE bots');
    await db.prisma.$executeRawUnsafe('DROP TYPE "BotStatus"');
    await db.prisma.$executeRawUnsafe('DROP TYPE "BotMode"');

    expect(await applyMigrations(db.migrationTarget)).toEqual(names);
    const rows = await recorded(db);
    expect(rows.filter((row) => row.migration_name === first)).toHaveLength(2);
  });

  it('rolls a failing migration back entirely and names it', async () => {
    const dir = await scratchMigrations();
    const broken = '29991231000000_broken';
    await mkdir(join(dir, broken));
    await writeFile(
      join(dir, broken, 'migration.sql'),
      'CREATE TABLE half_done (id INT);\nSELECT 1 / 0;\n',
    );
    const error = await applyMigrations(db.migrationTarget, { migrationsDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'APPLY_FAILED', migrationName: broken });
    expect((error as Error).message).toMatch(
      /Migration "29991231000000_broken" failed and was rolled back: .*division by zero/,
    );
    // The earlier migrations stay applied; nothing of the broken one remains.
    expect((await recorded(db)).map((row) => row.migration_name)).toEqual(names);
    const [table] = await db.prisma.$queryRawUnsafe<{ t: string | null }[]>(
      `SELECT to_regclass('half_done')::text AS t`,
    );
    expect(table?.t).toBeNull();
  });
});

describe.runIf(testDatabaseDialect() === 'pglite')('the Prisma CLI on our history', () => {
  it('agrees with `prisma migrate status`', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tradewind-status-'));
    try {
      const db = await openDatabase({ dataDir });
      await db.close();
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(packageDir, 'node_modules/prisma/build/index.js'), 'migrate', 'status'],
        {
          cwd: packageDir,
          env: {
            ...process.env,
            DATABASE_URL: 'postgresql://offline@localhost/offline',
            CHECKPOINT_DISABLE: '1',
            TRADEWIND_PRISMA_PGLITE_DIR: dataDir,
          },
        },
      );
      expect(stdout).toContain(`${names.length} migrations found in prisma/migrations`);
      expect(stdout).toContain('Database schema is up to date!');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
