import type { DatabaseDialect } from '@tradewind/db';

/** Environment variable that switches database tests to real PostgreSQL. */
export const TEST_DATABASE_ENV = 'TRADEWIND_TEST_DATABASE';

/**
 * The engine database tests run on: `postgresql` when `TRADEWIND_TEST_DATABASE=postgresql`
 * (the `test:postgres` scripts set it), PGlite otherwise. Use it to keep PostgreSQL-only
 * tests (several processes, several connections) out of the PGlite run:
 * `describe.runIf(testDatabaseDialect() === 'postgresql')(...)`.
 */
export function testDatabaseDialect(): DatabaseDialect {
  return process.env[TEST_DATABASE_ENV] === 'postgresql' ? 'postgresql' : 'pglite';
}
