import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from './migrate.ts';
import { defaultMigrationsDir } from './migration-files.ts';

const MIGRATION = '20261203173525_remove_prototype_keys';

// Stored before the doors refused them: prototype keys at the top, nested, inside arrays.
const POISONED = JSON.parse(
  '{"fast":5,"slow":20,"constructor":1,"nested":{"__proto__":{"admin":true},"keep":[{"prototype":2,"x":1}]}}',
);

describe(`migration ${MIGRATION}`, () => {
  let db: TestDatabase;
  let scratch: string;
  beforeEach(async () => {
    db = await createTestDatabase({ empty: true });
    scratch = await mkdtemp(join(tmpdir(), 'tradewind-migrations-'));
    await cp(defaultMigrationsDir, scratch, { recursive: true });
  });
  afterEach(async () => {
    await db.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('removes prototype keys at any depth from stored parameters and payloads', async () => {
    // Everything up to this migration (and nothing after it) first, then rows, then the rest.
    for (const name of await readdir(scratch)) {
      if (name.startsWith('2') && name >= MIGRATION)
        await rm(join(scratch, name), { recursive: true });
    }
    await applyMigrations(db.migrationTarget, { migrationsDir: scratch });
    const user = await db.prisma.user.create({
      data: { email: 'old@example.com', firstName: 'Old', passwordHash: 'x' },
    });
    const strategy = await db.prisma.strategy.create({
      data: { ...strategyFields(user.id), name: 'Poisoned', params: POISONED },
    });
    const clean = await db.prisma.strategy.create({
      data: { ...strategyFields(user.id), name: 'Clean', params: { fast: 5, slow: 20 } },
    });

    expect(await applyMigrations(db.migrationTarget)).toContain(MIGRATION);

    const cleaned = await db.prisma.strategy.findUniqueOrThrow({ where: { id: strategy.id } });
    expect(cleaned.params).toEqual({ fast: 5, slow: 20, nested: { keep: [{ x: 1 }] } });
    const untouched = await db.prisma.strategy.findUniqueOrThrow({ where: { id: clean.id } });
    expect(untouched.params).toEqual({ fast: 5, slow: 20 });
    expect(untouched.updatedAt).toEqual(clean.updatedAt);
  });
});

function strategyFields(userId: string) {
  return {
    userId,
    algorithm: 'MovingAverage',
    category: 'trend_following',
    riskLevel: 'medium',
    tags: [],
    timeframe: '1h',
    symbols: ['AAPL'],
  };
}
