/**
 * Vitest `globalSetup` for database tests: builds ONE migrated template per run, hands
 * its location to the workers, and removes it (and every database the run created)
 * afterwards. `createTestDatabase()` then copies it per test instead of starting and
 * migrating a database from scratch.
 *
 * PGlite (default): empty + migrated data-dir dumps in a temp dir.
 * PostgreSQL (`TRADEWIND_TEST_DATABASE=postgresql`): a migrated database on the server at
 * `DATABASE_URL` (else 127.0.0.1:5432), copied with `CREATE DATABASE ... TEMPLATE`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '@tradewind/db';
import type { TestProject } from 'vitest/node';
import { buildPGliteTemplate } from './pglite-template.ts';
import { postgresAvailable, postgresServerUrl } from './postgres-available.ts';
import {
  createDatabase,
  databaseUrl,
  dropDatabases,
  listDatabases,
  uniqueDatabaseName,
} from './postgres-databases.ts';
import { TEMPLATE_KEY } from './provided-template.ts';
import { testDatabaseDialect } from './test-database-dialect.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testDatabaseDialect() === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'tradewind-test-db-'));
    try {
      project.provide(TEMPLATE_KEY, { dialect: 'pglite', ...(await buildPGliteTemplate(dir)) });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return () => rm(dir, { recursive: true, force: true });
  }

  const serverUrl = postgresServerUrl();
  if (!(await postgresAvailable(serverUrl))) {
    throw new Error(
      `TRADEWIND_TEST_DATABASE=postgresql but no PostgreSQL server answers at ${redact(serverUrl)}`,
    );
  }
  const runPrefix = uniqueDatabaseName('tw');
  const sweep = async () =>
    dropDatabases(serverUrl, await listDatabases(serverUrl, `${runPrefix}_`));
  const templateName = `${runPrefix}_template`;
  try {
    await createDatabase(serverUrl, templateName);
    await applyMigrations({
      dialect: 'postgresql',
      databaseUrl: databaseUrl(serverUrl, templateName),
    });
  } catch (error) {
    await sweep();
    throw error;
  }
  project.provide(TEMPLATE_KEY, { dialect: 'postgresql', serverUrl, templateName, runPrefix });
  // Tests drop their own databases on close(); this catches the ones that did not.
  return sweep;
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
