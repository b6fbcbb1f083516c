import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DatabaseDialect } from '@tradewind/db';
import type { ViteUserConfig } from 'vitest/config';
import { POSTGRES_SKIP_MESSAGE, postgresAvailable } from './postgres-available.ts';
import { TEST_DATABASE_ENV } from './test-database-dialect.ts';

type TestOptions = NonNullable<ViteUserConfig['test']>;

/** Absolute path of the global setup module, for configs that list it themselves. */
export const globalSetupPath: string = fileURLToPath(new URL('./global-setup.ts', import.meta.url));

/**
 * The `test` block of a vitest config whose tests use `createTestDatabase()` on `dialect`:
 * adds the global setup and selects the engine (for the config's process, where the global
 * setup runs, and for the workers).
 *
 * For `postgresql` it first checks that a server answers (`DATABASE_URL`, else
 * 127.0.0.1:5432). If none does it prints "PostgreSQL suite skipped: ..." and returns a
 * config that runs no test files and exits 0.
 */
export async function testDatabaseConfig(
  dialect: DatabaseDialect,
  test: TestOptions = {},
): Promise<TestOptions> {
  process.env[TEST_DATABASE_ENV] = dialect;
  const config: TestOptions = {
    // Tests here boot real servers and processes; on a loaded 2-core CI machine a cold start
    // alone takes tens of seconds. They poll with deadlines, so a generous limit costs nothing
    // when they pass and only delays the report of a real hang.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each test file's server and the processes it starts need CPU too; turbo runs two packages
    // at once (tooling/scripts/run-tasks.mjs): half the cores per package (1 on a 2-core machine).
    maxWorkers: Math.max(1, Math.floor(availableParallelism() / 2)),
    ...test,
    globalSetup: [globalSetupPath, ...toArray(test.globalSetup)],
    env: { ...test.env, [TEST_DATABASE_ENV]: dialect },
  };
  if (dialect === 'postgresql' && !(await postgresAvailable())) {
    console.log(POSTGRES_SKIP_MESSAGE);
    return { ...config, globalSetup: [], include: [], passWithNoTests: true };
  }
  return config;
}

function toArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
