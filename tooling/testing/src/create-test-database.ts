import { type Database, type MigrationTarget, openDatabase } from '@tradewind/db';
import { inject } from 'vitest';
import { loadPGliteCopy } from './pglite-template.ts';
import {
  createDatabase,
  databaseUrl,
  dropDatabases,
  uniqueDatabaseName,
} from './postgres-databases.ts';
import { TEMPLATE_KEY, type TestDatabaseTemplate } from './provided-template.ts';

/** A throwaway database for one test. `close()` discards it. */
export type TestDatabase = Database & {
  /** The raw target, for tests that drive the migration runner themselves. */
  migrationTarget: MigrationTarget;
  /** Connection string of this database (PostgreSQL only), e.g. for child processes. */
  databaseUrl?: string;
};

/** Options of {@link createTestDatabase}. */
export type CreateTestDatabaseOptions = {
  /** Start from an empty database (no migrations applied). Default `false`. */
  empty?: boolean;
};

/**
 * A fresh database per test, on PGlite or (with `TRADEWIND_TEST_DATABASE=postgresql`) real
 * PostgreSQL, with every migration applied unless `empty`. Copied from the template the
 * global setup (`@tradewind/testing/global-setup`) built, so it costs a fraction of
 * starting and migrating a database. Always `close()` it (e.g. in `afterEach`).
 */
export async function createTestDatabase(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const template = inject(TEMPLATE_KEY) as TestDatabaseTemplate | undefined;
  if (!template) {
    throw new Error(
      'createTestDatabase() needs the database global setup: add ' +
        "globalSetup: ['@tradewind/testing/global-setup'] to the vitest config " +
        '(or use testDatabaseConfig() from @tradewind/testing/vitest-config)',
    );
  }
  const empty = options.empty ?? false;

  if (template.dialect === 'pglite') {
    const pglite = await loadPGliteCopy(empty ? template.emptyDump : template.migratedDump);
    const db = await openDatabase({ pglite, migrate: false });
    return { ...db, migrationTarget: { dialect: 'pglite', pglite } };
  }

  const name = uniqueDatabaseName(template.runPrefix);
  await createDatabase(template.serverUrl, name, empty ? undefined : template.templateName);
  const url = databaseUrl(template.serverUrl, name);
  const db = await openDatabase({ databaseUrl: url, migrate: false });
  let closing: Promise<void> | undefined;
  return {
    ...db,
    migrationTarget: { dialect: 'postgresql', databaseUrl: url },
    databaseUrl: url,
    close() {
      closing ??= db.close().finally(() => dropDatabases(template.serverUrl, [name]));
      return closing;
    },
  };
}
