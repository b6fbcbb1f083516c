import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './create-test-database.ts';
import { testDatabaseDialect } from './test-database-dialect.ts';

describe('createTestDatabase', () => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
  });
  async function create(options?: { empty?: boolean }) {
    const db = await createTestDatabase(options);
    open.push(db);
    return db;
  }

  it('gives a migrated database on the selected engine', async () => {
    const db = await create();
    expect(db.dialect).toBe(testDatabaseDialect());
    expect(await db.ping()).toBe(true);
    await db.prisma.systemConfig.create({ data: { key: 'fixture', value: 1 } });
    expect(await db.prisma.systemConfig.count()).toBe(1);
  });

  it('gives every call its own copy', async () => {
    const [a, b] = await Promise.all([create(), create()]);
    await a?.prisma.systemConfig.create({ data: { key: 'a', value: 1 } });
    expect(await b?.prisma.systemConfig.count()).toBe(0);
  });

  it('gives an empty database on request', async () => {
    const db = await create({ empty: true });
    const [row] = await db.prisma.$queryRawUnsafe<{ t: string | null }[]>(
      `SELECT to_regclass('_prisma_migrations')::text AS t`,
    );
    expect(row?.t).toBeNull();
  });

  it.runIf(testDatabaseDialect() === 'postgresql')('drops the database on close', async () => {
    const db = await createTestDatabase();
    const url = db.databaseUrl ?? '';
    await db.close();
    const { postgresAvailable } = await import('./postgres-available.ts');
    expect(await postgresAvailable(url)).toBe(false);
  });
});
